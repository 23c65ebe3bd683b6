//! The engines' output, RIFF/WAVE with 16-bit PCM, read into samples, and the measure the
//! tests and the bench use: how long it lasts and how much of it is speech (windows whose
//! loudness is above a floor), so "it said something" is checked without listening.

/// Why the bytes are not a 16-bit PCM WAV.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WavError {
    #[error("not a RIFF/WAVE file")]
    NotWave,
    #[error("the WAV has no `fmt ` chunk before its `data`")]
    NoFormat,
    #[error("unsupported WAV format {format} with {bits} bits per sample (16-bit PCM expected)")]
    Unsupported { format: u16, bits: u16 },
    #[error("the WAV has no `data` chunk")]
    NoData,
}

/// Mono or interleaved 16-bit samples and their rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wav {
    pub rate: u32,
    pub channels: u16,
    pub samples: Vec<i16>,
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

impl Wav {
    /// Reads a WAV. eSpeak NG writing to a pipe cannot seek back, so its RIFF and `data`
    /// sizes say 0 or 0x7fffffff: a `data` chunk runs to the end of the bytes when its size
    /// says more than there is.
    pub fn parse(bytes: &[u8]) -> Result<Wav, WavError> {
        if bytes.get(0..4) != Some(b"RIFF") || bytes.get(8..12) != Some(b"WAVE") {
            return Err(WavError::NotWave);
        }
        let mut at = 12usize;
        let mut format: Option<(u16, u16, u32, u16)> = None;
        while let (Some(id), Some(size)) = (bytes.get(at..at + 4), u32_at(bytes, at + 4)) {
            let body = at + 8;
            let size = usize::try_from(size).unwrap_or(usize::MAX);
            match id {
                b"fmt " => {
                    let tag = u16_at(bytes, body).ok_or(WavError::NoFormat)?;
                    let channels = u16_at(bytes, body + 2).ok_or(WavError::NoFormat)?;
                    let rate = u32_at(bytes, body + 4).ok_or(WavError::NoFormat)?;
                    let bits = u16_at(bytes, body + 14).ok_or(WavError::NoFormat)?;
                    format = Some((tag, channels, rate, bits));
                }
                b"data" => {
                    let (tag, channels, rate, bits) = format.ok_or(WavError::NoFormat)?;
                    if tag != 1 || bits != 16 || channels == 0 {
                        return Err(WavError::Unsupported { format: tag, bits });
                    }
                    let end = body.saturating_add(size).min(bytes.len());
                    let data = bytes.get(body..end).unwrap_or_default();
                    let samples = data
                        .chunks_exact(2)
                        .map(|c| i16::from_le_bytes([c[0], c[1]]))
                        .collect();
                    return Ok(Wav {
                        rate,
                        channels,
                        samples,
                    });
                }
                _ => {}
            }
            // Chunks are padded to an even length.
            at = body.saturating_add(size).saturating_add(size & 1);
        }
        Err(WavError::NoData)
    }

    /// The WAV as bytes again (RIFF sizes filled in), for a player that reads a file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let data_len = u32::try_from(self.samples.len() * 2).unwrap_or(u32::MAX);
        let block = self.channels * 2;
        let mut b = Vec::with_capacity(44 + self.samples.len() * 2);
        b.extend_from_slice(b"RIFF");
        b.extend_from_slice(&(36u32.saturating_add(data_len)).to_le_bytes());
        b.extend_from_slice(b"WAVEfmt ");
        b.extend_from_slice(&16u32.to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes());
        b.extend_from_slice(&self.channels.to_le_bytes());
        b.extend_from_slice(&self.rate.to_le_bytes());
        b.extend_from_slice(&(self.rate * u32::from(block)).to_le_bytes());
        b.extend_from_slice(&block.to_le_bytes());
        b.extend_from_slice(&16u16.to_le_bytes());
        b.extend_from_slice(b"data");
        b.extend_from_slice(&data_len.to_le_bytes());
        for s in &self.samples {
            b.extend_from_slice(&s.to_le_bytes());
        }
        b
    }

    /// How long the sound lasts, in milliseconds.
    pub fn duration_ms(&self) -> u64 {
        let frames = self.samples.len() as u64 / u64::from(self.channels.max(1));
        frames * 1000 / u64::from(self.rate.max(1))
    }

    /// Milliseconds of 20 ms windows whose RMS is above 1 % of full scale: speech, not
    /// silence or the engine's hiss.
    pub fn speech_ms(&self) -> u64 {
        let window = (self.rate as usize / 50).max(1) * usize::from(self.channels.max(1));
        let floor = (i16::MAX as f64) * 0.01;
        let loud = self
            .samples
            .chunks(window)
            .filter(|w| {
                let sum: f64 = w.iter().map(|&s| f64::from(s) * f64::from(s)).sum();
                (sum / w.len() as f64).sqrt() > floor
            })
            .count() as u64;
        loud * 20
    }

    /// The desk's chime (the card left on the reader): two falling tones, 660 Hz then 523 Hz,
    /// 0.3 s each with a soft start and a decaying end so that neither clicks, at half of full
    /// scale, 16 kHz mono. Generated, so no sound file ships with the desk.
    pub fn chime() -> Wav {
        const RATE: u32 = 16_000;
        let tone = |hz: f64, ms: u32| {
            let n = RATE * ms / 1000;
            (0..n).map(move |i| {
                let t = f64::from(i) / f64::from(RATE);
                let attack = (f64::from(i) / (f64::from(RATE) * 0.01)).min(1.0);
                let decay = (-3.0 * t / (f64::from(ms) / 1000.0)).exp();
                let a = 0.5 * f64::from(i16::MAX) * attack * decay;
                (a * (t * hz * std::f64::consts::TAU).sin()) as i16
            })
        };
        Wav {
            rate: RATE,
            channels: 1,
            samples: tone(660.0, 300).chain(tone(523.25, 300)).collect(),
        }
    }

    /// The samples scaled by `volume` (0–100 %), clipped.
    pub fn scaled(&self, volume: u8) -> Wav {
        let v = i32::from(volume.min(100));
        Wav {
            samples: self
                .samples
                .iter()
                .map(|&s| (i32::from(s) * v / 100).clamp(i16::MIN.into(), i16::MAX.into()) as i16)
                .collect(),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(ms: u32, amplitude: i16) -> Wav {
        let rate = 16_000;
        let n = rate * ms / 1000;
        let samples = (0..n)
            .map(|i| {
                let t = f64::from(i) / f64::from(rate);
                (f64::from(amplitude) * (t * 440.0 * std::f64::consts::TAU).sin()) as i16
            })
            .collect();
        Wav {
            rate,
            channels: 1,
            samples,
        }
    }

    #[test]
    fn a_written_wav_reads_back_the_same() {
        let w = tone(300, 8000);
        assert_eq!(Wav::parse(&w.to_bytes()), Ok(w));
    }

    #[test]
    fn a_pipe_written_wav_with_unknown_sizes_runs_to_the_end() {
        let w = tone(100, 8000);
        let mut b = w.to_bytes();
        b[4..8].copy_from_slice(&0u32.to_le_bytes());
        b[40..44].copy_from_slice(&0x7fff_ffffu32.to_le_bytes());
        assert_eq!(Wav::parse(&b).map(|p| p.samples.len()), Ok(w.samples.len()));
    }

    #[test]
    fn speech_is_told_from_silence_and_volume_scales_it_down() {
        let w = tone(1000, 8000);
        assert_eq!(w.duration_ms(), 1000);
        assert!(w.speech_ms() >= 980, "{}", w.speech_ms());
        assert_eq!(w.scaled(0).speech_ms(), 0);
        assert_eq!(tone(1000, 100).speech_ms(), 0);
    }

    #[test]
    fn other_bytes_are_refused_with_the_reason() {
        assert_eq!(Wav::parse(b"hello"), Err(WavError::NotWave));
        assert_eq!(Wav::parse(b"RIFF\0\0\0\0WAVE"), Err(WavError::NoData));
        let mut b = tone(10, 1).to_bytes();
        b[34..36].copy_from_slice(&8u16.to_le_bytes());
        assert_eq!(
            Wav::parse(&b),
            Err(WavError::Unsupported { format: 1, bits: 8 })
        );
    }
}
