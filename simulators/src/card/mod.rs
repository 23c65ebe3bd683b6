//! The virtual My Number Card (filled by the card issue).
