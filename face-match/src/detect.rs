//! YuNet 2023mar face detection through OpenCV's plain DNN module, with the model's twelve output
//! heads decoded here: OpenCV 4.6's `FaceDetectorYN` only knows the 2021/2022 output layout and
//! throws on 2023mar (see the face-match spike notes).

use opencv::core::{self, Mat, Rect, Scalar, Vector};
use opencv::dnn;
use opencv::prelude::*;

/// Strides of the three feature maps, in the order of the output names below.
const STRIDES: [i32; 3] = [8, 16, 32];
const OUTPUTS: [&str; 12] = [
    "cls_8", "cls_16", "cls_32", "obj_8", "obj_16", "obj_32", "bbox_8", "bbox_16", "bbox_32",
    "kps_8", "kps_16", "kps_32",
];

/// One detected face in image pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Face {
    /// Left, top, width, height.
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    /// Right eye, left eye, nose tip, right and left mouth corner (the subject's right and left).
    pub landmarks: [(f32, f32); 5],
    /// Detector confidence, 0..1.
    pub score: f32,
}

impl Face {
    /// The same face in an image `k` times larger (boxes found on a scaled copy, mapped back).
    pub fn scaled(&self, k: f32) -> Face {
        Face {
            x: self.x * k,
            y: self.y * k,
            w: self.w * k,
            h: self.h * k,
            landmarks: self.landmarks.map(|(x, y)| (x * k, y * k)),
            score: self.score,
        }
    }

    /// The row layout `FaceRecognizerSF::alignCrop` expects: box, 5 landmarks, score.
    pub(crate) fn to_row(self) -> [f32; 15] {
        let mut r = [0f32; 15];
        r[..4].copy_from_slice(&[self.x, self.y, self.w, self.h]);
        for (i, (lx, ly)) in self.landmarks.iter().enumerate() {
            r[4 + 2 * i] = *lx;
            r[5 + 2 * i] = *ly;
        }
        r[14] = self.score;
        r
    }

    pub fn centre(&self) -> (f32, f32) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

pub(crate) struct YuNet {
    net: dnn::Net,
    names: Vector<String>,
    pub score_threshold: f32,
    pub nms_threshold: f32,
}

impl YuNet {
    pub fn new(path: &std::path::Path) -> opencv::Result<Self> {
        let net = dnn::read_net_from_onnx(path)?;
        Ok(Self {
            net,
            names: OUTPUTS.into_iter().collect(),
            score_threshold: 0.6,
            nms_threshold: 0.3,
        })
    }

    /// Faces in a BGR 8-bit image, best first. The image is padded (never scaled) to a multiple
    /// of 32 on the right and bottom, which the network needs and which leaves coordinates as
    /// they are.
    pub fn detect(&mut self, img: &Mat) -> opencv::Result<Vec<Face>> {
        let (w, h) = (img.cols(), img.rows());
        let (pw, ph) = ((w + 31) / 32 * 32, (h + 31) / 32 * 32);
        let blob = if (pw, ph) == (w, h) {
            dnn::blob_from_image_def(img)?
        } else {
            let mut padded = Mat::default();
            core::copy_make_border(
                img,
                &mut padded,
                0,
                ph - h,
                0,
                pw - w,
                core::BORDER_CONSTANT,
                Scalar::all(0.0),
            )?;
            dnn::blob_from_image_def(&padded)?
        };
        self.net.set_input_def(&blob)?;
        let mut outs: Vector<Mat> = Vector::new();
        self.net.forward(&mut outs, &self.names)?;

        let mut faces = Vec::new();
        for (i, stride) in STRIDES.into_iter().enumerate() {
            let cols = (pw / stride) as usize;
            let (cls_m, obj_m) = (outs.get(i)?, outs.get(3 + i)?);
            let (bbox_m, kps_m) = (outs.get(6 + i)?, outs.get(9 + i)?);
            let cls: &[f32] = cls_m.data_typed()?;
            let obj: &[f32] = obj_m.data_typed()?;
            let bbox: &[f32] = bbox_m.data_typed()?;
            let kps: &[f32] = kps_m.data_typed()?;
            let s = stride as f32;
            for idx in 0..cls.len() {
                // The score is the geometric mean of class and objectness, as upstream does.
                let score = (cls[idx].clamp(0.0, 1.0) * obj[idx].clamp(0.0, 1.0)).sqrt();
                if score < self.score_threshold {
                    continue;
                }
                let (row, col) = ((idx / cols) as f32, (idx % cols) as f32);
                let b = &bbox[idx * 4..idx * 4 + 4];
                let (cx, cy) = ((col + b[0]) * s, (row + b[1]) * s);
                let (bw, bh) = (b[2].exp() * s, b[3].exp() * s);
                let k = &kps[idx * 10..idx * 10 + 10];
                let mut landmarks = [(0f32, 0f32); 5];
                for (n, lm) in landmarks.iter_mut().enumerate() {
                    *lm = ((k[2 * n] + col) * s, (k[2 * n + 1] + row) * s);
                }
                faces.push(Face {
                    x: cx - bw / 2.0,
                    y: cy - bh / 2.0,
                    w: bw,
                    h: bh,
                    landmarks,
                    score,
                });
            }
        }
        let boxes: Vector<Rect> = faces
            .iter()
            .map(|f| Rect::new(f.x as i32, f.y as i32, f.w as i32, f.h as i32))
            .collect();
        let scores: Vector<f32> = faces.iter().map(|f| f.score).collect();
        let mut keep: Vector<i32> = Vector::new();
        dnn::nms_boxes_def(
            &boxes,
            &scores,
            self.score_threshold,
            self.nms_threshold,
            &mut keep,
        )?;
        let mut kept: Vec<Face> = keep.iter().map(|k| faces[k as usize]).collect();
        kept.sort_by(|a, b| b.score.total_cmp(&a.score));
        Ok(kept)
    }
}
