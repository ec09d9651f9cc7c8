/** The image with its faces (and optionally labelled objects) drawn as boxes over it, positioned in percent of the image. */
import { useState } from 'react';
import type { FaceView } from '../../api/documents';
import type { LabelFinding } from '../../lib/analysis';
import { formatPercent } from '../../lib/format';

export function ImagePreview({ url, alt, faces, labels }: { url: string; alt: string; faces: readonly FaceView[]; labels: readonly LabelFinding[] }) {
  const [showFaces, setShowFaces] = useState(true);
  const [showObjects, setShowObjects] = useState(false);
  const objects = labels.flatMap((label) => label.boxes.map((box, index) => ({ key: `${label.name}-${index}`, name: label.name, box })));
  return (
    <figure className="preview">
      <div className="overlay-frame">
        <img src={url} alt={alt} className="preview__image" />
        {showFaces
          ? faces.map((face, index) => (
              <div
                key={face.id}
                className="box box--face"
                data-testid="face-box"
                style={{ left: `${face.box.left * 100}%`, top: `${face.box.top * 100}%`, width: `${face.box.width * 100}%`, height: `${face.box.height * 100}%` }}
              >
                <span className="box__label">{face.person?.name ?? `Face ${index + 1}`}</span>
              </div>
            ))
          : null}
        {showObjects
          ? objects.map(({ key, name, box }) => (
              <div key={key} className="box box--object" style={{ left: `${box.left * 100}%`, top: `${box.top * 100}%`, width: `${box.width * 100}%`, height: `${box.height * 100}%` }}>
                <span className="box__label">{name}</span>
              </div>
            ))
          : null}
      </div>
      <figcaption className="preview__controls">
        {faces.length > 0 ? (
          <label className="toggle">
            <input type="checkbox" checked={showFaces} onChange={(e) => setShowFaces(e.target.checked)} /> Faces ({faces.length})
          </label>
        ) : (
          <span className="muted">No faces found</span>
        )}
        {objects.length > 0 ? (
          <label className="toggle">
            <input type="checkbox" checked={showObjects} onChange={(e) => setShowObjects(e.target.checked)} /> Objects ({objects.length})
          </label>
        ) : null}
        {faces.length > 0 ? <span className="muted small">Face confidence {faces.map((f) => formatPercent(f.confidence)).join(', ')}</span> : null}
      </figcaption>
    </figure>
  );
}
