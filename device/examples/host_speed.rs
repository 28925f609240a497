//! How fast the device crate runs on the machine at hand: signing an anchor, folding a reading
//! into a batch, and a whole 600-reading batch sealed. A plain timing loop over many
//! repetitions (the crate is `no_std`; this example alone uses `std`):
//!
//! ```text
//! cargo run --release -p cpchain-device --example host_speed
//! ```

use cpchain_device::{Batch, Device, Keypair};
use std::{hint::black_box, time::Instant};

fn per_op(name: &str, repetitions: u32, mut op: impl FnMut(u32)) {
	op(0);
	let start = Instant::now();
	for i in 0..repetitions {
		op(black_box(i));
	}
	let micros = start.elapsed().as_secs_f64() * 1e6 / f64::from(repetitions);
	println!("{name:<40} {micros:>10.2} µs");
}

fn main() {
	let reading = b"1764547200000,396.2,-12.5,24.1,24.3,88.0";
	let keypair = Keypair::from_seed(&[42; 32]);
	per_op("sign a 112-byte anchor payload", 20_000, |i| {
		black_box(keypair.sign(&[i as u8; 112]));
	});
	let mut batch = Batch::new();
	per_op("add a reading to a batch", 1_000_000, |i| {
		batch.push(u64::from(i), reading).expect("fewer than 2^32 readings");
	});
	let mut device = Device::new(Keypair::from_seed(&[42; 32]), &[7; 32], 0, 0);
	per_op("600 readings batched, sealed and signed", 2_000, |i| {
		let mut batch = Batch::new();
		for t in 0..600u64 {
			batch.push(u64::from(i) * 600 + t, reading).expect("fewer than 2^32 readings");
		}
		black_box(device.seal(&batch));
	});
}
