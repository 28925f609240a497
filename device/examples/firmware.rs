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
//! MQTT payloads (readings messages, then the signed anchor) are written to an outbox for the
//! modem to publish.

#![no_std]
#![no_main]

use core::ptr::{addr_of, addr_of_mut, read_volatile, write_volatile};
use cpchain_device::{
	mqtt::{anchor_message, ReadingsWriter, ANCHOR_MESSAGE},
	Batch, Device, Keypair,
};

/// Provisioned at the factory: the key's seed and the chain's genesis hash.
static mut SEED: [u8; 32] = [0x42; 32];
static mut GENESIS: [u8; 32] = [0x07; 32];
/// One reading as the sensor writes it: pack voltage, current and cell temperature.
static mut READING: [u8; 24] = *b"396.2,-12.5,24.1,24.3,88";
/// Where a payload goes for the modem to publish.
static mut OUTBOX: [u8; 1024] = [0; 1024];
static mut OUTBOX_LEN: usize = 0;

/// Hands `payload` to the modem.
fn publish(payload: &[u8]) {
	let mut out = [0; 1024];
	out[..payload.len()].copy_from_slice(payload);
	// SAFETY: single-threaded bare metal, no interrupts use these.
	unsafe {
		write_volatile(addr_of_mut!(OUTBOX), out);
		write_volatile(addr_of_mut!(OUTBOX_LEN), payload.len());
	}
}

#[no_mangle]
pub extern "C" fn _start() -> ! {
	// SAFETY: single-threaded bare metal, no interrupts use these.
	let (seed, genesis) =
		unsafe { (read_volatile(addr_of!(SEED)), read_volatile(addr_of!(GENESIS))) };
	let mut device = Device::new(Keypair::from_seed(&seed), &genesis, 0, 0);
	let mut buffer = [0u8; 1024];
	loop {
		let sequence = device.last_sequence() + 1;
		let mut batch = Batch::new();
		let mut message = ReadingsWriter::new(&mut buffer, sequence, 0).unwrap();
		for tick in 0..600u64 {
			let reading = unsafe { read_volatile(addr_of!(READING)) };
			let timestamp = 1_764_547_200_000 + tick * 1_000;
			if batch.push(timestamp, &reading).is_err() {
				break;
			}
			if !message.push(timestamp, &reading) {
				publish(message.as_bytes());
				message = ReadingsWriter::new(&mut buffer, sequence, batch.len() - 1).unwrap();
				message.push(timestamp, &reading);
			}
		}
		publish(message.as_bytes());
		if let Some((anchor, signature)) = device.seal(&batch) {
			let payload: [u8; ANCHOR_MESSAGE] = anchor_message(&anchor, &signature);
			publish(&payload);
		}
	}
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
	loop {}
}
