//! The card photo before any decoder sees it. The photo comes from the card, that is from
//! outside, and a JPEG 2000 decoder allocates what the header declares (width × height ×
//! components, per tile) before it has read a byte of image data; so the header is read here,
//! by hand, and a photo that declares more than a card photo can be is refused with
//! [`FaceError::PhotoTooLarge`] before OpenCV is called. Accepted: the JP2 container (its
//! `ihdr` and its codestream's `SIZ` must agree) or a bare codestream (`FF 4F FF 51`).

use crate::error::FaceError;

/// The bounds of a card photo, in one place.
///
/// Why these numbers: the photo is DF27 of 券面AP EF 0002, and READ BINARY addresses that file
/// with 15-bit offsets, so the whole file, photo included, is at most 32 767 + 256 bytes. The
/// photos seen are a few hundred pixels on a side (the test personas' are 240 × 300); a JPEG
/// 2000 portrait of 1024 × 1024 greyscale pixels in under 32 KiB is already compressed past
/// use, so nothing larger is a photo a card can hold.
pub mod limits {
    /// Longest byte length (the largest file READ BINARY can address).
    pub const MAX_BYTES: usize = 0x7FFF + 256;
    /// Longest side, in pixels.
    pub const MAX_SIDE: u32 = 1024;
    /// Colour components: grey, or at most RGB with alpha.
    pub const MAX_COMPONENTS: u16 = 4;
    /// Bits per sample (the photo is 8-bit; the codec can write 16).
    pub const MAX_BITS: u8 = 16;
    /// Tiles: OpenJPEG keeps per-tile state, and a 1-pixel tile grid multiplies it.
    pub const MAX_TILES: u64 = 1024;
}

/// What the header declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoHeader {
    pub width: u32,
    pub height: u32,
    pub components: u16,
}

const JP2_SIGNATURE: [u8; 12] = [
    0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A,
];
const CODESTREAM_START: [u8; 4] = [0xFF, 0x4F, 0xFF, 0x51];

/// Reads and bounds a card photo's declared size; `Ok` means OpenCV may decode it.
pub fn check_photo(bytes: &[u8]) -> Result<PhotoHeader, FaceError> {
    if bytes.len() > limits::MAX_BYTES {
        return Err(FaceError::PhotoTooLarge {
            width: 0,
            height: 0,
            bytes: bytes.len(),
        });
    }
    let header = if bytes.starts_with(&JP2_SIGNATURE) {
        jp2(bytes)?
    } else if bytes.starts_with(&CODESTREAM_START) {
        siz(bytes)?
    } else {
        return Err(FaceError::PhotoUnreadable);
    };
    if header.width > limits::MAX_SIDE || header.height > limits::MAX_SIDE {
        return Err(FaceError::PhotoTooLarge {
            width: header.width,
            height: header.height,
            bytes: bytes.len(),
        });
    }
    Ok(header)
}

/// One JP2 box: its type and its payload.
type JpBox<'a> = ([u8; 4], &'a [u8]);

/// The boxes of a JP2 (or of a superbox's payload).
fn boxes(mut data: &[u8]) -> Result<Vec<JpBox<'_>>, FaceError> {
    const BAD: FaceError = FaceError::PhotoUnreadable;
    let mut out = Vec::new();
    while !data.is_empty() {
        let len = u32::from_be_bytes(data.get(0..4).ok_or(BAD)?.try_into().map_err(|_| BAD)?);
        let kind: [u8; 4] = data.get(4..8).ok_or(BAD)?.try_into().map_err(|_| BAD)?;
        let (start, end) = match len {
            0 => (8, data.len()),
            1 => {
                let xl =
                    u64::from_be_bytes(data.get(8..16).ok_or(BAD)?.try_into().map_err(|_| BAD)?);
                (16, usize::try_from(xl).map_err(|_| BAD)?)
            }
            2..=7 => return Err(BAD),
            n => (8, n as usize),
        };
        if end < start || end > data.len() {
            return Err(BAD);
        }
        out.push((kind, &data[start..end]));
        data = &data[end..];
    }
    Ok(out)
}

fn be32(b: &[u8], at: usize) -> Result<u32, FaceError> {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map(u32::from_be_bytes)
        .ok_or(FaceError::PhotoUnreadable)
}

fn be16(b: &[u8], at: usize) -> Result<u16, FaceError> {
    b.get(at..at + 2)
        .and_then(|s| s.try_into().ok())
        .map(u16::from_be_bytes)
        .ok_or(FaceError::PhotoUnreadable)
}

fn jp2(bytes: &[u8]) -> Result<PhotoHeader, FaceError> {
    const BAD: FaceError = FaceError::PhotoUnreadable;
    let top = boxes(bytes)?;
    let header = top
        .iter()
        .find(|(k, _)| k == b"jp2h")
        .ok_or(BAD)
        .and_then(|(_, p)| boxes(p))?;
    let ihdr = header.iter().find(|(k, _)| k == b"ihdr").ok_or(BAD)?.1;
    if ihdr.len() < 14 {
        return Err(BAD);
    }
    let declared = PhotoHeader {
        height: be32(ihdr, 0)?,
        width: be32(ihdr, 4)?,
        components: be16(ihdr, 8)?,
    };
    let codestream = top.iter().find(|(k, _)| k == b"jp2c").ok_or(BAD)?.1;
    if !codestream.starts_with(&CODESTREAM_START) {
        return Err(BAD);
    }
    let actual = siz(codestream)?;
    // The decoder follows one or the other: both must declare the same image.
    if declared != actual {
        return Err(BAD);
    }
    Ok(actual)
}

/// The codestream's SIZ marker segment, right after SOC.
fn siz(cs: &[u8]) -> Result<PhotoHeader, FaceError> {
    const BAD: FaceError = FaceError::PhotoUnreadable;
    let s = cs.get(4..).ok_or(BAD)?; // after FF 4F FF 51
    let lsiz = be16(s, 0)?;
    let x = be32(s, 4)?;
    let y = be32(s, 8)?;
    let xo = be32(s, 12)?;
    let yo = be32(s, 16)?;
    let xt = be32(s, 20)?;
    let yt = be32(s, 24)?;
    let xto = be32(s, 28)?;
    let yto = be32(s, 32)?;
    let components = be16(s, 36)?;
    if components == 0 || components > limits::MAX_COMPONENTS {
        return Err(BAD);
    }
    if usize::from(lsiz) != 38 + 3 * usize::from(components) {
        return Err(BAD);
    }
    for c in 0..usize::from(components) {
        let at = 38 + 3 * c;
        let (ssiz, xr, yr) = (
            *s.get(at).ok_or(BAD)?,
            *s.get(at + 1).ok_or(BAD)?,
            *s.get(at + 2).ok_or(BAD)?,
        );
        if (ssiz & 0x7F) + 1 > limits::MAX_BITS || xr == 0 || yr == 0 {
            return Err(BAD);
        }
    }
    if x <= xo || y <= yo || xt == 0 || yt == 0 || xto > xo || yto > yo {
        return Err(BAD);
    }
    let (width, height) = (x - xo, y - yo);
    if width > limits::MAX_SIDE || height > limits::MAX_SIDE {
        return Err(FaceError::PhotoTooLarge {
            width,
            height,
            bytes: cs.len(),
        });
    }
    let tiles =
        u64::from(x - xto).div_ceil(u64::from(xt)) * u64::from(y - yto).div_ceil(u64::from(yt));
    if tiles > limits::MAX_TILES {
        return Err(BAD);
    }
    Ok(PhotoHeader {
        width,
        height,
        components,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bare codestream header (SOC + SIZ) declaring `w` × `h`, one 8-bit component, one tile.
    pub(crate) fn codestream(w: u32, h: u32) -> Vec<u8> {
        let mut v = CODESTREAM_START.to_vec();
        v.extend_from_slice(&41u16.to_be_bytes());
        v.extend_from_slice(&0u16.to_be_bytes());
        for n in [w, h, 0, 0, w, h, 0, 0] {
            v.extend_from_slice(&n.to_be_bytes());
        }
        v.extend_from_slice(&1u16.to_be_bytes());
        v.extend_from_slice(&[7, 1, 1]);
        v
    }

    fn jp2_box(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut v = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(payload);
        v
    }

    /// A JP2 whose ihdr declares `ih_w` × `ih_h` around a codestream of `w` × `h`.
    fn container(ih_w: u32, ih_h: u32, w: u32, h: u32) -> Vec<u8> {
        let mut ihdr = ih_h.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&ih_w.to_be_bytes());
        ihdr.extend_from_slice(&1u16.to_be_bytes());
        ihdr.extend_from_slice(&[7, 7, 0, 0]);
        let mut v = JP2_SIGNATURE.to_vec();
        v.extend(jp2_box(b"ftyp", b"jp2 \0\0\0\0jp2 "));
        v.extend(jp2_box(b"jp2h", &jp2_box(b"ihdr", &ihdr)));
        v.extend(jp2_box(b"jp2c", &codestream(w, h)));
        v
    }

    #[test]
    fn a_card_sized_photo_passes() {
        assert_eq!(
            check_photo(&container(240, 300, 240, 300)).unwrap(),
            PhotoHeader {
                width: 240,
                height: 300,
                components: 1
            }
        );
        assert!(check_photo(&codestream(240, 300)).is_ok());
    }

    #[test]
    fn a_photo_larger_than_a_card_can_hold_is_refused_before_decoding() {
        for bytes in [
            container(60_000, 60_000, 60_000, 60_000),
            codestream(limits::MAX_SIDE + 1, 10),
        ] {
            assert!(
                matches!(check_photo(&bytes), Err(FaceError::PhotoTooLarge { .. })),
                "{:?}",
                check_photo(&bytes)
            );
        }
        let mut long = container(240, 300, 240, 300);
        long.resize(limits::MAX_BYTES + 1, 0);
        assert!(matches!(
            check_photo(&long),
            Err(FaceError::PhotoTooLarge { .. })
        ));
    }

    #[test]
    fn headers_that_disagree_or_break_are_unreadable() {
        // ihdr small, codestream huge: the decoder would believe the codestream.
        assert!(check_photo(&container(240, 300, 240, 301)).is_err());
        assert!(matches!(
            check_photo(&container(240, 300, 4000, 4000)),
            Err(FaceError::PhotoTooLarge { .. })
        ));
        let full = container(240, 300, 240, 300);
        for cut in 0..full.len() {
            assert!(check_photo(&full[..cut]).is_err(), "cut at {cut}");
        }
        assert!(matches!(
            check_photo(b"\x89PNG\r\n\x1a\n"),
            Err(FaceError::PhotoUnreadable)
        ));
    }

    #[test]
    fn damaged_headers_give_errors_not_panics() {
        for file in [container(240, 300, 240, 300), codestream(240, 300)] {
            for i in 0..file.len() {
                for v in [0x00, 0x01, 0x07, 0x7F, 0x80, 0xFF] {
                    let mut f = file.clone();
                    f[i] = v;
                    if let Ok(h) = check_photo(&f) {
                        assert!(h.width <= limits::MAX_SIDE && h.height <= limits::MAX_SIDE);
                    }
                }
            }
        }
    }
}
