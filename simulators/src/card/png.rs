//! A minimal 1-bit greyscale PNG writer (stored deflate blocks, no compression) and a
//! pseudo-glyph renderer, for the name, address and security-code images of the 券面AP. The
//! images are of the right kind (PNG, 1-bit greyscale, black ink on white) but do not show real
//! glyphs: each character becomes a block pattern derived from its code point.

/// Renders `text` as one row of pseudo-glyphs, `cell_w` x `cell_h` pixels per character.
pub fn render_text(text: &str, cell_w: u32, cell_h: u32) -> Vec<u8> {
    let chars: Vec<u32> = text.chars().map(u32::from).collect();
    let width = (chars.len() as u32).max(1) * cell_w;
    encode_1bit(width, cell_h, |x, y| {
        let Some(c) = chars.get((x / cell_w) as usize) else {
            return false;
        };
        if c == &0x3000 || c == &0x20 {
            return false;
        }
        // 3 x 4 grid of blocks inside a 1-pixel margin; the bits of a mixed code point decide.
        let (cx, cy) = (x % cell_w, y % cell_h);
        if cx == 0 || cy == 0 || cx + 1 >= cell_w || cy + 1 >= cell_h {
            return false;
        }
        let bx = (cx - 1) * 3 / (cell_w - 2);
        let by = (cy - 1) * 4 / (cell_h - 2);
        let mixed = c.wrapping_mul(0x9E37_79B1) >> 7;
        mixed >> (by * 3 + bx) & 1 == 1
    })
}

/// Encodes a 1-bit greyscale image; `ink(x, y)` true = black.
pub fn encode_1bit(width: u32, height: u32, ink: impl Fn(u32, u32) -> bool) -> Vec<u8> {
    let row_bytes = width.div_ceil(8) as usize;
    let mut raw = Vec::with_capacity((row_bytes + 1) * height as usize);
    for y in 0..height {
        raw.push(0); // filter: none
        let mut row = vec![0xFFu8; row_bytes]; // 1 = white
        for x in 0..width {
            if ink(x, y) {
                row[(x / 8) as usize] &= !(0x80 >> (x % 8));
            }
        }
        raw.extend_from_slice(&row);
    }
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[1, 0, 0, 0, 0]); // bit depth 1, greyscale, deflate, no filter, no interlace
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = if data.is_empty() {
        vec![&[]]
    } else {
        data.chunks(65535).collect()
    };
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_iend_is_the_well_known_value() {
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn header_says_1bit_greyscale() {
        let png = render_text("試験", 16, 16);
        assert_eq!(&png[1..4], b"PNG");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 32);
        assert_eq!(&png[24..26], &[1, 0]);
    }
}
