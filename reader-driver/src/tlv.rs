//! BER-TLV as the card's files use it: a header reader (tag of at most three bytes, definite
//! length of at most three bytes) and a walk over sibling objects that remembers where each one
//! sits in the file, so that a caller can prove a value lies inside a signed byte range. Nesting
//! is bounded ([`MAX_DEPTH`]): card bytes are outside input, and an unbounded recursive parser
//! could be driven into a stack overflow by a crafted file.

/// Deepest nesting this driver accepts. The card's own files go two levels deep (`FF 20` {
/// `DF 27` }, `7F 21` { `5F 4E` }); four leaves room without letting a file recurse at will.
pub(crate) const MAX_DEPTH: usize = 4;

/// Longest tag accepted (the card uses one- and two-byte tags).
const MAX_TAG: usize = 3;

/// One object inside a buffer: where it starts and ends, its tag bytes and its value.
#[derive(Clone, Copy)]
pub(crate) struct Object<'a> {
    pub tag: &'a [u8],
    pub value: &'a [u8],
    /// Offset of the tag's first byte in the buffer the walk started from.
    pub start: usize,
    /// Offset just past the value.
    pub end: usize,
}

impl Object<'_> {
    /// Constructed objects (bit 6 of the first tag byte) hold further objects.
    pub(crate) fn constructed(&self) -> bool {
        self.tag[0] & 0x20 != 0
    }
}

/// Tag length and header length of the object starting `data`, and its value length.
pub(crate) fn header(data: &[u8]) -> Option<(usize, usize, usize)> {
    let first = *data.first()?;
    let mut i = 1;
    if first & 0x1F == 0x1F {
        // Multi-byte tag: continuation bytes have bit 8 set.
        while *data.get(i)? & 0x80 != 0 {
            i += 1;
            if i >= MAX_TAG {
                return None;
            }
        }
        i += 1;
    }
    let tag_len = i;
    let l = *data.get(i)?;
    i += 1;
    let len = match l {
        0x00..=0x7F => l as usize,
        0x81 => {
            i += 1;
            *data.get(i - 1)? as usize
        }
        0x82 => {
            i += 2;
            u16::from_be_bytes([*data.get(i - 2)?, *data.get(i - 1)?]) as usize
        }
        0x83 => {
            i += 3;
            let b = data.get(i - 3..i)?;
            ((b[0] as usize) << 16) | ((b[1] as usize) << 8) | b[2] as usize
        }
        _ => return None,
    };
    Some((tag_len, i, len))
}

/// Total length (header + value) of the object that starts `data`, if its header is there.
pub(crate) fn total_len(data: &[u8]) -> Option<usize> {
    let (_, h, len) = header(data)?;
    h.checked_add(len)
}

/// The object at `at` in `buf`, if it is whole.
pub(crate) fn object_at(buf: &[u8], at: usize) -> Option<Object<'_>> {
    let rest = buf.get(at..)?;
    let (tag_len, h, len) = header(rest)?;
    let end = at.checked_add(h)?.checked_add(len)?;
    Some(Object {
        tag: &rest[..tag_len],
        value: buf.get(at + h..end)?,
        start: at,
        end,
    })
}

/// The objects that fill `buf[from..to]` exactly, one after the other; `None` if a header is
/// broken or an object runs past `to`.
pub(crate) fn siblings(buf: &[u8], from: usize, to: usize) -> Option<Vec<Object<'_>>> {
    let area = buf.get(..to)?;
    let mut at = from;
    let mut out = Vec::new();
    while at < to {
        let o = object_at(area, at)?;
        at = o.end;
        out.push(o);
    }
    Some(out)
}

/// Checks that `data` is a sequence of whole objects nested at most [`MAX_DEPTH`] deep.
pub(crate) fn well_formed(data: &[u8]) -> bool {
    fn level(buf: &[u8], from: usize, to: usize, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        let Some(objects) = siblings(buf, from, to) else {
            return false;
        };
        objects
            .iter()
            .all(|o| !o.constructed() || level(buf, o.end - o.value.len(), o.end, depth + 1))
    }
    level(data, 0, data.len(), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        assert_eq!(total_len(&[0x30, 0x82, 0x06, 0x2B]), Some(4 + 0x062B));
        assert_eq!(total_len(&[0xFF, 0x20, 0x82, 0x01, 0x00]), Some(5 + 256));
        assert_eq!(total_len(&[0x7F, 0x21, 0x82, 0x02, 0x33]), Some(568));
        assert_eq!(total_len(&[0xFF, 0x20, 0x65]), Some(3 + 0x65));
        assert_eq!(total_len(&[0x30, 0x81, 0x80]), Some(3 + 0x80));
        assert_eq!(total_len(&[0x30]), None);
        assert_eq!(total_len(&[0x30, 0x84, 0, 0, 0, 1]), None);
        assert_eq!(
            total_len(&[0x1F, 0x81, 0x81, 0x81, 0x01, 0x00]),
            None,
            "tag too long"
        );
    }

    #[test]
    fn siblings_know_where_they_are() {
        let buf = [0xDF, 0x22, 0x01, 0xAA, 0xDF, 0x23, 0x00];
        let s = siblings(&buf, 0, buf.len()).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].start, s[0].end, s[0].value), (0, 4, &[0xAA][..]));
        assert_eq!((s[1].start, s[1].end, s[1].tag), (4, 7, &[0xDF, 0x23][..]));
        assert!(
            siblings(&buf, 0, 6).is_none(),
            "the last object runs past the end"
        );
    }

    #[test]
    fn nesting_is_bounded() {
        fn nest(depth: usize) -> Vec<u8> {
            let mut v = vec![0x04, 0x00];
            for _ in 1..depth {
                let mut outer = vec![0x30, v.len() as u8];
                outer.extend_from_slice(&v);
                v = outer;
            }
            v
        }
        assert!(well_formed(&nest(MAX_DEPTH)));
        assert!(!well_formed(&nest(MAX_DEPTH + 1)));
        // A deep file is refused without recursing through it (no stack overflow).
        let mut deep = vec![0x04, 0x00];
        for _ in 0..2_000 {
            let n = deep.len();
            let mut outer = vec![0x30, 0x83, (n >> 16) as u8, (n >> 8) as u8, n as u8];
            outer.extend_from_slice(&deep);
            deep = outer;
        }
        assert!(!well_formed(&deep));
    }
}
