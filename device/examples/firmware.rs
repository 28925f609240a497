//! The smallest firmware that does a device's job: take readings, fold them into a batch, seal
//! and sign the anchor. Built for a Cortex-M4 by scripts/test.sh, which reports its flash size:
//!
//! ```text
//! cargo build -p cpchain-device --example firmware --features firmware-example \
//!     --target thumbv7em-none-eabihf --profile firmware
//! ```
//!
//! Bare metal, no runtime crate: `_start` is the entry, the inputs come from memory the way a
//! sensor's registers would be read (volatile, so nothing is computed at build time), and the
//! signed anchor is written back for a radio to send.

#![no_std]
#![no_main]

use core::ptr::{addr_of, addr_of_mut, read_volatile, write_volatile};
use cpchain_device::{Batch, Device, Keypair};

/// Provisioned at the factory: the key's seed and the chain's genesis hash.
static mut SEED: [u8; 32] = [0x42; 32];
static mut GENESIS: [u8; 32] = [0x07; 32];
/// One reading as the sensor writes it: pack voltage, current and cell temperature.
static mut READING: [u8; 24] = *b"396.2,-12.5,24.1,24.3,88";
/// Where the anchor and signature go for the radio: 60 + 64 bytes.
static mut OUTBOX: [u8; 124] = [0; 124];

#[no_mangle]
pub extern "C" fn _start() -> ! {
	// SAFETY: single-threaded bare metal, no interrupts use these.
	let (seed, genesis) =
		unsafe { (read_volatile(addr_of!(SEED)), read_volatile(addr_of!(GENESIS))) };
	let mut device = Device::new(Keypair::from_seed(&seed), &genesis, 0, 0);
	loop {
		let mut batch = Batch::new();
		for tick in 0..600u64 {
			let reading = unsafe { read_volatile(addr_of!(READING)) };
			if batch.push(1_764_547_200_000 + tick * 1_000, &reading).is_err() {
				break;
			}
		}
		if let Some((anchor, signature)) = device.seal(&batch) {
			let mut out = [0; 124];
			out[..60].copy_from_slice(&anchor.to_bytes());
			out[60..].copy_from_slice(&signature.0);
			unsafe { write_volatile(addr_of_mut!(OUTBOX), out) };
		}
	}
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
	loop {}
}
