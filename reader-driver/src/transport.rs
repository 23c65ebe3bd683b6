//! The transport behind the card applications: anything that carries one command APDU to a card
//! and brings its response back. PC/SC in production; tests may use an in-process card.
//!
//! Anyone may implement [`Transport`], but only this driver can call it: the command comes as
//! an [`Apdu`], which has no public constructor. So holding a connected card (a `PcscCard`)
//! does not let outside code send bytes of its own choosing, such as a READ of EF 0005.

use zeroize::Zeroizing;

use crate::error::Result;

/// One encoded command APDU on its way to the card; only the driver makes these.
pub struct Apdu<'a>(&'a [u8]);

impl<'a> Apdu<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Apdu(bytes)
    }

    /// The bytes to put on the wire.
    pub fn bytes(&self) -> &[u8] {
        self.0
    }
}

pub trait Transport {
    /// Sends one command APDU and returns the raw response, data followed by SW1 SW2, in a
    /// buffer that is wiped when dropped (it may hold the card face).
    fn transmit(&mut self, command: Apdu<'_>) -> Result<Zeroizing<Vec<u8>>>;
}

impl<T: Transport + ?Sized> Transport for &mut T {
    fn transmit(&mut self, command: Apdu<'_>) -> Result<Zeroizing<Vec<u8>>> {
        (**self).transmit(command)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn transmit(&mut self, command: Apdu<'_>) -> Result<Zeroizing<Vec<u8>>> {
        (**self).transmit(command)
    }
}
