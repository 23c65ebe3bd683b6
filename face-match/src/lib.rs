//! Decides whether the person in front of the camera is the person on the card: card photo
//! decoding, YuNet detection, SFace matching. Filled by the face issue.
