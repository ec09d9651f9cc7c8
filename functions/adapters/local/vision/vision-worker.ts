/**
 * Worker-thread entry for the vision tasks that run beside the function's own thread (started by
 * vision-thread.ts, one thread per lane). Two reasons for threads of their own:
 * - onnxruntime-node runs an inference synchronously on the calling thread, and TensorFlow.js' wasm
 *   backend computes on the JavaScript thread; in one thread, OCR, objects, faces and moderation of
 *   an image would queue behind each other on one core while the other idles;
 * - the function's event loop is not held for hundreds of milliseconds.
 */
import { parentPort } from 'node:worker_threads';
import type { VisionRequest, VisionResponse, VisionTask, VisionTaskResults, WireImage } from './vision-worker-protocol';

const port = parentPort;
if (!port) throw new Error('vision-worker.ts must run in a worker thread');

port.on('message', (request: VisionRequest) => {
  void answer(request).then((response) => port.postMessage(response));
});

async function answer(request: VisionRequest): Promise<VisionResponse> {
  try {
    return { kind: 'done', id: request.id, result: await perform(request.task) };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    const cause = failure.cause instanceof Error ? `: ${failure.cause.message}` : '';
    return { kind: 'failed', id: request.id, name: failure.name, message: `${failure.message}${cause}` };
  }
}

/** Each lane imports only what its tasks need (an OCR thread never loads TensorFlow.js, and the reverse). */
async function perform(task: VisionTask): Promise<VisionTaskResults[VisionTask['kind']]> {
  switch (task.kind) {
    case 'open-ocr': {
      const { ocrModels } = await import('./ocr-models');
      await ocrModels(task.threads);
      return null;
    }
    case 'read-text': {
      const [{ ocrModels }, { readText }] = await Promise.all([import('./ocr-models'), import('./ocr-engine')]);
      return readText(await ocrModels(task.threads), pixelsOf(task.image), task.settings);
    }
    case 'open-objects': {
      const { humanRuntime } = await import('./human-runtime');
      await humanRuntime('objects');
      return null;
    }
    case 'detect-objects': {
      const { detectObjects } = await import('./object-detection');
      return detectObjects(pixelsOf(task.image), task.minConfidence, task.maxDetected);
    }
  }
}

const pixelsOf = (image: WireImage) => ({ data: new Uint8Array(image.pixels), width: image.width, height: image.height });
