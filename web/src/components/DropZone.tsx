/**
 * Drop files here (or anywhere on the page: a full-window overlay appears while dragging), or pick
 * them with the button. Many files at once; folders dropped from the desktop are walked.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useUploads } from '../upload/UploadProvider';
import { Icon } from './Icon';

/** Files from a drop, walking dropped folders where the browser exposes them. */
async function droppedFiles(transfer: DataTransfer): Promise<File[]> {
  const entries = [...transfer.items].map((item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() : null));
  if (entries.length === 0 || entries.some((entry) => !entry)) return [...transfer.files];
  const files: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      files.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) if (!child.name.startsWith('.')) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry!);
  return files;
}

export function DropZone({ compact = false }: { compact?: boolean }) {
  const { add } = useUploads();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void droppedFiles(event.dataTransfer).then((files) => files.length > 0 && add(files));
  };
  return (
    <div
      className={`dropzone${over ? ' dropzone--over' : ''}${compact ? ' dropzone--compact' : ''}`}
      data-testid="dropzone"
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <Icon name="upload" size={compact ? 20 : 32} />
      <p>
        <strong>Drop photos, videos, audio or text here</strong>
        {compact ? null : <span className="muted"> — as many as you like; each is analysed and tagged automatically.</span>}
      </p>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        Choose files…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Choose files to upload"
        data-testid="file-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          if (files.length > 0) add(files);
          event.target.value = '';
        }}
      />
    </div>
  );
}

/** While files are dragged over the window, a full-page target; dropping anywhere uploads. */
export function WindowDropTarget() {
  const { add } = useUploads();
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: globalThis.DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files');
    const enter = (event: globalThis.DragEvent) => {
      if (!hasFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (event: globalThis.DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const drop = (event: globalThis.DragEvent) => {
      depth = 0;
      setDragging(false);
      // A drop on a DropZone is handled there.
      if (!event.dataTransfer || event.defaultPrevented) return;
      event.preventDefault();
      void droppedFiles(event.dataTransfer).then((files) => files.length > 0 && add(files));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [add]);
  return dragging ? (
    <div className="window-drop" aria-hidden="true">
      <div className="window-drop__inner">
        <Icon name="upload" size={48} />
        <p>Drop to upload</p>
      </div>
    </div>
  ) : null;
}
