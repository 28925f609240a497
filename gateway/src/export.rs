//! A period of a fleet's data in one readings file, with its provenance: what the owner lists
//! with `cpchain data put FILE --provenance DEVICE:FIRST-LAST ...`.
//!
//! Every batch of the period whose anchor the chain holds goes in, device after device, each in
//! sequence order: a buyer can split a device's readings by its anchors' reading counts and
//! check each part against its anchor.

use std::{
	fs,
	io::{BufRead, BufReader, Write},
	path::Path,
};

use cpchain_device::{mqtt::parse_anchor, Hash};

/// One device's part of an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
	pub device: Hash,
	pub first_sequence: u64,
	pub last_sequence: u64,
	pub readings: u64,
}

impl Part {
	/// As `cpchain data put --provenance` takes it.
	pub fn provenance(&self) -> String {
		format!("0x{}:{}-{}", hex::encode(self.device), self.first_sequence, self.last_sequence)
	}
}

/// Writes to `out` the batches under `data` of each device in `devices` (with the last sequence
/// the chain holds for it) whose readings were all taken in `since..until` (ms), after `header`
/// if the devices have one (each batch file's own header line is then left out).
pub fn export(
	data: &Path,
	devices: &[(Hash, u64)],
	header: Option<&[u8]>,
	since: u64,
	until: u64,
	out: &mut impl Write,
) -> std::io::Result<Vec<Part>> {
	if let Some(header) = header {
		out.write_all(header)?;
		out.write_all(b"\n")?;
	}
	let mut parts = Vec::new();
	for &(device, anchored) in devices {
		let dir = data.join(hex::encode(device));
		let mut sequences: Vec<u64> = fs::read_dir(&dir)?
			.filter_map(|entry| {
				let name = entry.ok()?.file_name().into_string().ok()?;
				name.strip_suffix(".anchor")?.parse().ok()
			})
			.filter(|sequence| *sequence <= anchored)
			.collect();
		sequences.sort_unstable();
		let mut part: Option<Part> = None;
		for sequence in sequences {
			let (anchor, _) = parse_anchor(&fs::read(dir.join(format!("{sequence:020}.anchor")))?)
				.map_err(|_| {
					std::io::Error::other(format!("batch {sequence}: a damaged anchor file"))
				})?;
			if anchor.time_start < since || anchor.time_end >= until {
				continue;
			}
			let file = fs::File::open(dir.join(format!("{sequence:020}.csv")))?;
			for line in BufReader::new(file).split(b'\n').skip(usize::from(header.is_some())) {
				out.write_all(&line?)?;
				out.write_all(b"\n")?;
			}
			let part = part.get_or_insert(Part {
				device,
				first_sequence: sequence,
				last_sequence: sequence,
				readings: 0,
			});
			part.last_sequence = sequence;
			part.readings += u64::from(anchor.reading_count);
		}
		parts.extend(part);
	}
	Ok(parts)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::batches::DeviceBatches;
	use cpchain_client::readings;
	use cpchain_device::{
		mqtt::{anchor_message, ReadingsWriter},
		Batch, Device, Keypair,
	};

	#[test]
	fn a_period_of_two_devices_with_their_provenance() {
		let data = tempfile::tempdir().unwrap();
		let header = b"timestamp,vin,v".as_slice();
		let mut devices = Vec::new();
		let mut anchors = Vec::new();
		for seed in [1u8, 2] {
			let mut device = Device::new(Keypair::from_seed(&[seed; 32]), &[0; 32], 0, 0);
			let key = Keypair::from_seed(&[seed; 32]).public();
			let (mut batches, _) =
				DeviceBatches::open(data.path(), device.id(), 0, Some(header.to_vec())).unwrap();
			// Three batches of a day each, one reading an hour.
			for day in 0..3u64 {
				let mut buffer = vec![0u8; 4096];
				let mut message = ReadingsWriter::new(&mut buffer, day + 1, 0).unwrap();
				let mut batch = Batch::new();
				for hour in 0..24u64 {
					let t = (day * 24 + hour) * 3_600_000;
					let record = format!("{t},EV{seed},{}", 390 + hour);
					batch.push(t, record.as_bytes()).unwrap();
					assert!(message.push(t, record.as_bytes()));
				}
				batches.readings(message.as_bytes()).unwrap();
				let (anchor, signature) = device.seal(&batch).unwrap();
				batches.anchor(&anchor_message(&anchor, &signature), &key).unwrap();
				anchors.push((device.id(), anchor));
			}
			// The chain holds the first two anchors only.
			devices.push((device.id(), 2));
		}
		let mut out = Vec::new();
		let parts =
			export(data.path(), &devices, Some(header), 86_400_000, u64::MAX, &mut out).unwrap();
		assert_eq!(parts.len(), 2);
		assert_eq!(
			(parts[0].first_sequence, parts[0].last_sequence, parts[0].readings),
			(2, 2, 24)
		);
		assert!(parts[0].provenance().ends_with(":2-2"));
		let file = readings::parse(&out).unwrap();
		assert_eq!(file.len(), 48, "day 2 of each device: one header, no other");
		let (first, second) = file.split_at(24);
		assert!(readings::matches(first, &anchors[1].1));
		assert!(readings::matches(second, &anchors[4].1));
	}
}
