/**
 * The Lambda functions, declared once: handler module, limits, and what they may touch. Read by the
 * CDK stack (NodejsFunction per entry, IAM from `access`) and by the local function runner (same
 * module, same timeout, concurrency limit, retry policy).
 */

export interface FunctionDeclaration {
  /** Module exporting `handler(event, context)`. */
  readonly handler: string;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Reserved concurrency; locally, how many invocations run at once. */
  readonly concurrency: number;
  /** Lambda's asynchronous invocation retries (EventBridge targets): 0–2. */
  readonly asyncRetries: number;
  /** What the function needs, for least-privilege IAM (CDK) — locally informative. */
  readonly access: {
    readonly table?: 'read' | 'readWrite';
    readonly bucket?: readonly { readonly prefix: string; readonly actions: readonly ('get' | 'put' | 'delete' | 'multipart')[] }[];
    readonly events?: 'put';
    readonly api?: readonly string[];
    /** AI services the function calls on AWS (locally its offline models stand in). */
    readonly ai?: readonly ('rekognition' | 'transcribe' | 'comprehend')[];
  };
}

export const functionDeclarations = {
  ingest: {
    handler: 'functions/ingest/handler.ts',
    description: 'Object Created → real format, checksum, metadata, quality, previews, hashes, duplicates, version',
    timeoutSeconds: 900,
    memoryMb: 3008,
    concurrency: 2,
    asyncRetries: 2,
    access: {
      table: 'readWrite',
      bucket: [
        { prefix: 'originals/', actions: ['get'] },
        { prefix: 'previews/', actions: ['put'] },
      ],
      events: 'put',
      api: ['Mutation.reportProgress'],
    },
  },
  /*
   * The analyzers (*Media Ingested* by media type, infra/events.ts). Models load once per instance
   * and stay warm, so memory is sized for them: TensorFlow.js (wasm) with CenterNet, BlazeFace and
   * the face description models, PaddleOCR on onnxruntime and nsfwjs add about 650 MB together
   * (resident size, measured after one image), over Node's own ~170 MB.
   * Concurrency stays low: inference is CPU-bound, and locally every instance is a worker thread
   * with its own copy of the models.
   */
  'analyze-image': {
    handler: 'functions/analyze-image/handler.ts',
    description: 'Media Ingested (IMAGE) → labels, faces, text in the image, moderation → tags',
    timeoutSeconds: 120,
    memoryMb: 2048,
    concurrency: 2,
    asyncRetries: 2,
    access: {
      table: 'readWrite',
      bucket: [{ prefix: 'originals/', actions: ['get'] }],
      api: ['Mutation.reportProgress', 'Mutation.reportAnalysis'],
      ai: ['rekognition'],
    },
  },
  'analyze-video': {
    handler: 'functions/analyze-video/handler.ts',
    description: 'Media Ingested (VIDEO) → keyframes (scene changes) → labels and faces as time segments; sound → transcript → text analysis → tags',
    // Lambda's maximum: a long video is decoded, up to 32 keyframes analysed, and its sound transcribed.
    timeoutSeconds: 900,
    memoryMb: 3008,
    concurrency: 2,
    asyncRetries: 2,
    access: {
      table: 'readWrite',
      bucket: [
        { prefix: 'originals/', actions: ['get'] },
        // Transcribe reads the staged sound from and writes its transcript to the media bucket.
        { prefix: 'transcribe-input/', actions: ['put', 'delete'] },
        { prefix: 'transcribe-output/', actions: ['get', 'delete'] },
      ],
      api: ['Mutation.reportProgress', 'Mutation.reportAnalysis'],
      ai: ['rekognition', 'transcribe', 'comprehend'],
    },
  },
  'analyze-audio': {
    handler: 'functions/analyze-audio/handler.ts',
    description: 'Media Ingested (AUDIO) → transcript → text analysis; speech/music/silence shares → tags',
    // Transcription runs at a fraction of real time; Transcribe jobs are polled until they finish.
    timeoutSeconds: 900,
    memoryMb: 1024,
    concurrency: 2,
    asyncRetries: 2,
    access: {
      table: 'readWrite',
      bucket: [
        { prefix: 'originals/', actions: ['get'] },
        { prefix: 'transcribe-input/', actions: ['put', 'delete'] },
        { prefix: 'transcribe-output/', actions: ['get', 'delete'] },
      ],
      api: ['Mutation.reportProgress', 'Mutation.reportAnalysis'],
      ai: ['transcribe', 'comprehend'],
    },
  },
  'analyze-text': {
    handler: 'functions/analyze-text/handler.ts',
    description: 'Media Ingested (TEXT) → language, sentiment, key phrases, entities → tags',
    timeoutSeconds: 120,
    memoryMb: 1024,
    concurrency: 2,
    asyncRetries: 2,
    access: {
      table: 'readWrite',
      bucket: [{ prefix: 'originals/', actions: ['get'] }],
      api: ['Mutation.reportProgress', 'Mutation.reportAnalysis'],
      ai: ['comprehend'],
    },
  },
  uploads: {
    handler: 'functions/uploads/handler.ts',
    description: 'AppSync Lambda data source: presigned upload and download URLs, multipart completion',
    timeoutSeconds: 30,
    memoryMb: 512,
    concurrency: 8,
    asyncRetries: 0,
    access: {
      table: 'read',
      bucket: [
        { prefix: 'originals/', actions: ['put', 'get', 'multipart'] },
        { prefix: 'previews/', actions: ['get'] },
      ],
    },
  },
  library: {
    handler: 'functions/library/handler.ts',
    description: "AppSync Lambda data source: an owner's duplicate groups, and reprocessing of media in batches",
    timeoutSeconds: 120,
    memoryMb: 1024,
    concurrency: 4,
    asyncRetries: 0,
    access: { table: 'read', events: 'put' },
  },
  people: {
    handler: 'functions/people/handler.ts',
    description: "AppSync Lambda data source: merge and split an owner's people (face clusters); forget a deleted media item's faces",
    timeoutSeconds: 60,
    memoryMb: 512,
    concurrency: 2,
    asyncRetries: 0,
    // Rekognition: DeleteFaces, for the faces of a deleted media item in the owner's collection.
    access: { table: 'readWrite', ai: ['rekognition'] },
  },
  'dead-letters': {
    handler: 'functions/dead-letters/handler.ts',
    description: 'AppSync Lambda data source: list and redrive undeliverable events (admins)',
    timeoutSeconds: 60,
    memoryMb: 256,
    concurrency: 1,
    asyncRetries: 0,
    access: { events: 'put' },
  },
} as const satisfies Record<string, FunctionDeclaration>;

export type FunctionName = keyof typeof functionDeclarations;
