/**
 * Named face landmarks, Rekognition's types (API_Landmark.html: eyeLeft, eyeRight, nose, mouthLeft,
 * mouthRight, leftEyeBrowLeft, …, chinBottom), picked from the 468-point face mesh
 * (MediaPipe FaceMesh topology, as @vladmandic/human returns it). "Left" and "right" are taken on
 * the image — eyeLeft is the eye nearer the image's left edge — decided by position, so a face
 * seen from behind a mirror or turned away still gets consistent names. Without the iris model the
 * pupils are the eye centres.
 */

/** A landmark, coordinates as fractions of the image's width and height. */
export interface NamedLandmark {
  type: string;
  x: number;
  y: number;
}

type MeshPoint = readonly (number | undefined)[];

/** Mesh indices of one side of the face (the person's own side, as the mesh labels it). */
interface SideIndices {
  eyeOuter: number;
  eyeInner: number;
  eyeUp: number;
  eyeDown: number;
  browOuter: number;
  browInner: number;
  browUp: number;
  noseWing: number;
  mouthCorner: number;
  upperJawline: number;
  midJawline: number;
}

const PERSON_RIGHT: SideIndices = {
  eyeOuter: 33, eyeInner: 133, eyeUp: 159, eyeDown: 145,
  browOuter: 70, browInner: 107, browUp: 105,
  noseWing: 129, mouthCorner: 61, upperJawline: 234, midJawline: 172,
};

const PERSON_LEFT: SideIndices = {
  eyeOuter: 263, eyeInner: 362, eyeUp: 386, eyeDown: 374,
  browOuter: 300, browInner: 336, browUp: 334,
  noseWing: 358, mouthCorner: 291, upperJawline: 454, midJawline: 397,
};

const NOSE_TIP = 1;
const UPPER_LIP_TOP = 0;
const LOWER_LIP_BOTTOM = 17;
const CHIN_BOTTOM = 152;
const MESH_SIZE = 468;

/**
 * The named landmarks of one face.
 * @param mesh the face mesh, each point [x, y, z] with x and y as fractions of the image
 * @returns Rekognition's landmark types with positions; [] when the mesh is missing or short
 */
export function namedLandmarks(mesh: readonly MeshPoint[]): NamedLandmark[] {
  if (mesh.length < MESH_SIZE) return [];
  const at = (index: number): { x: number; y: number } => ({ x: mesh[index]?.[0] ?? 0, y: mesh[index]?.[1] ?? 0 });
  const middle = (a: number, b: number) => ({ x: (at(a).x + at(b).x) / 2, y: (at(a).y + at(b).y) / 2 });
  const eyeCentre = (side: SideIndices) => middle(side.eyeOuter, side.eyeInner);

  const [imageLeft, imageRight] = eyeCentre(PERSON_RIGHT).x <= eyeCentre(PERSON_LEFT).x ? [PERSON_RIGHT, PERSON_LEFT] : [PERSON_LEFT, PERSON_RIGHT];
  const leftMost = (a: number, b: number) => (at(a).x <= at(b).x ? [at(a), at(b)] : [at(b), at(a)]);
  const point = (type: string, p: { x: number; y: number }): NamedLandmark => ({ type, x: p.x, y: p.y });

  const sideLandmarks = (prefix: 'left' | 'right', side: SideIndices): NamedLandmark[] => {
    const [eyeLeftCorner, eyeRightCorner] = leftMost(side.eyeOuter, side.eyeInner);
    const [browLeftEnd, browRightEnd] = leftMost(side.browOuter, side.browInner);
    return [
      point(`${prefix}EyeLeft`, eyeLeftCorner!),
      point(`${prefix}EyeRight`, eyeRightCorner!),
      point(`${prefix}EyeUp`, at(side.eyeUp)),
      point(`${prefix}EyeDown`, at(side.eyeDown)),
      point(`${prefix}EyeBrowLeft`, browLeftEnd!),
      point(`${prefix}EyeBrowRight`, browRightEnd!),
      point(`${prefix}EyeBrowUp`, at(side.browUp)),
      point(`${prefix}Pupil`, eyeCentre(side)),
    ];
  };

  const [mouthLeft, mouthRight] = leftMost(imageLeft.mouthCorner, imageRight.mouthCorner);
  const [noseLeft, noseRight] = leftMost(imageLeft.noseWing, imageRight.noseWing);
  return [
    point('eyeLeft', eyeCentre(imageLeft)),
    point('eyeRight', eyeCentre(imageRight)),
    point('nose', at(NOSE_TIP)),
    point('mouthLeft', mouthLeft!),
    point('mouthRight', mouthRight!),
    point('mouthUp', at(UPPER_LIP_TOP)),
    point('mouthDown', at(LOWER_LIP_BOTTOM)),
    point('noseLeft', noseLeft!),
    point('noseRight', noseRight!),
    ...sideLandmarks('left', imageLeft),
    ...sideLandmarks('right', imageRight),
    point('upperJawlineLeft', at(imageLeft.upperJawline)),
    point('midJawlineLeft', at(imageLeft.midJawline)),
    point('chinBottom', at(CHIN_BOTTOM)),
    point('midJawlineRight', at(imageRight.midJawline)),
    point('upperJawlineRight', at(imageRight.upperJawline)),
  ];
}
