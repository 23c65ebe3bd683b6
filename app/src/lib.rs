//! Onshi Desk, the reception-desk app. The reception flow, the patient screen and the clerk
//! console arrive with the app issue; this crate exists now so the workspace has its final shape.
