//! The transport behind the card applications: anything that carries one command APDU to a card
//! and brings its response back. PC/SC in production; tests may use an in-process card.

use crate::error::Result;

pub trait Transport {
    /// Sends one command APDU (raw bytes) and returns the raw response, data followed by SW1 SW2.
    fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>>;
}

impl<T: Transport + ?Sized> Transport for &mut T {
    fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>> {
        (**self).transmit(command)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>> {
        (**self).transmit(command)
    }
}
