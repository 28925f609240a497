//! One device's batches as the gateway receives them: readings appended to a file as they come
//! and folded into the batch root with the device crate's own [`Batch`], then closed by the
//! device's signed anchor if, and only if, the gateway holds exactly the readings it commits to.
//!
//! On disk, in the device's folder (`<data>/<device id hex>/`), named by sequence number:
//! - `<seq>.part`: the open batch, readings framed as in a readings message (timestamp, length,
//!   record), so that a restart can rebuild the root and carry on;
//! - `<seq>.csv`: a closed batch, one reading's record per line after the device's CSV header
//!   (its `schema` attribute on chain, when it has one): what `cpchain device verify` and
//!   `cpchain data put` read, and what the anchor commits to;
//! - `<seq>.anchor`: the anchor message (anchor and signature) of a closed batch, kept until
//!   the chain holds it and afterwards as the batch's provenance;
//! - `<seq>.rejected`: why the chain refused a closed batch's anchor (its `.anchor` is removed).
//!
//! A file is complete before it gets its final name (written, synced, renamed): a crash leaves
//! a `.part`, never a half-written batch.

use std::{
	fs::{self, File, OpenOptions},
	io::{BufWriter, Read, Write},
	path::{Path, PathBuf},
};

use cpchain_device::{
	mqtt::{anchor_message, parse_anchor, Readings, READING_OVERHEAD},
	Anchor, Batch, DeviceKey, DeviceSignature, Hash,
};
use cpchain_primitives::device::{anchor_payload, VerifyDeviceSignature};

/// Why the gateway refused a message, a batch or an anchor. Each is counted by its
/// [`Rejection::label`] and logged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
	/// The device is not registered on chain.
	#[error("unknown device")]
	UnknownDevice,
	/// The device's owner has not authorized this gateway.
	#[error("the owner has not authorized this gateway")]
	NotAuthorized,
	/// The device is suspended or revoked.
	#[error("the device is {0}")]
	Inactive(&'static str),
	/// The message could not be read.
	#[error("malformed message: {0}")]
	Malformed(&'static str),
	/// The chain could not be asked about the device (not the device's fault: retried).
	#[error("the chain did not answer: {0}")]
	Unavailable(String),
	/// The gateway could not write the batch to its data folder.
	#[error("cannot write the batch: {0}")]
	Storage(String),
	/// The anchor's signature is not the device key's.
	#[error("bad signature on anchor {0}")]
	BadSignature(u64),
	/// Readings or an anchor for a batch at or below one already closed (or anchored on chain).
	#[error("replay: sequence {sequence} is not above {last}")]
	Replay { sequence: u64, last: u64 },
	/// Readings were lost between the device and the gateway: the batch cannot be anchored.
	#[error("batch {sequence}: readings {expected}.. missing, the next message starts at {got}")]
	Gap { sequence: u64, expected: u32, got: u32 },
	/// The batch's anchor never came: the device moved on to a later batch.
	#[error("batch {0}: no anchor came before the next batch")]
	Abandoned(u64),
	/// The anchor commits to a different number of readings than the gateway received.
	#[error("batch {sequence}: the anchor counts {anchored} readings, {received} were received")]
	Incomplete { sequence: u64, anchored: u32, received: u32 },
	/// Same count, but not the same readings (or time range) as the anchor commits to.
	#[error("batch {0}: the readings received do not have the anchor's root")]
	RootMismatch(u64),
	/// The chain refused the anchor (its pallet error's name).
	#[error("refused by the chain: {0}")]
	Chain(String),
}

impl Rejection {
	/// The reason's name in metrics.
	pub fn label(&self) -> &'static str {
		match self {
			Rejection::UnknownDevice => "unknown_device",
			Rejection::NotAuthorized => "not_authorized",
			Rejection::Inactive(_) => "inactive",
			Rejection::Malformed(_) => "malformed",
			Rejection::Unavailable(_) => "unavailable",
			Rejection::Storage(_) => "storage",
			Rejection::BadSignature(_) => "bad_signature",
			Rejection::Replay { .. } => "replay",
			Rejection::Gap { .. } => "gap",
			Rejection::Abandoned(_) => "abandoned",
			Rejection::Incomplete { .. } => "incomplete",
			Rejection::RootMismatch(_) => "root_mismatch",
			Rejection::Chain(_) => "chain",
		}
	}
}

/// A closed batch: checked against the device's signed anchor, on disk, ready to anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Closed {
	pub device: Hash,
	pub anchor: Anchor,
	pub signature: DeviceSignature,
}

/// What became of a readings message.
#[derive(Debug, PartialEq, Eq)]
pub struct Received {
	/// Readings added to the open batch; 0 when the broker delivered them before, or the
	/// batch is already known to be unanchorable.
	pub added: u32,
	/// The message started a batch while the previous one still waited for its anchor: that
	/// one is given up.
	pub abandoned: Option<Rejection>,
}

struct Open {
	sequence: u64,
	/// `None` once the batch is known to be unanchorable (a gap, a bad record); its later
	/// messages are then ignored until its anchor or the next batch.
	receiving: Option<(Batch, PathBuf)>,
}

/// The batches of one device.
pub struct DeviceBatches {
	device: Hash,
	dir: PathBuf,
	/// The CSV header line written at the top of each closed batch.
	header: Option<Vec<u8>>,
	/// The highest sequence closed, refused or anchored on chain: nothing at or below is taken.
	last: u64,
	open: Option<Open>,
}

impl DeviceBatches {
	/// Opens the folder of `device` under `data`, whose last anchor on chain has sequence
	/// `anchored`. Returns the batches closed on disk but not anchored yet (to submit again),
	/// and rebuilds the open batch a restart interrupted.
	pub fn open(
		data: &Path,
		device: Hash,
		anchored: u64,
		header: Option<Vec<u8>>,
	) -> std::io::Result<(Self, Vec<Closed>)> {
		let dir = data.join(hex::encode(device));
		fs::create_dir_all(&dir)?;
		let mut this = Self { device, dir, header, last: anchored, open: None };
		let mut files: Vec<(u64, String)> = Vec::new();
		for entry in fs::read_dir(&this.dir)? {
			let name = entry?.file_name().to_string_lossy().into_owned();
			if let Some((seq, ext)) = name.split_once('.') {
				if let Ok(seq) = seq.parse() {
					files.push((seq, ext.to_string()));
				}
			}
		}
		files.sort();
		let mut pending = Vec::new();
		for (seq, ext) in &files {
			match ext.as_str() {
				"anchor" if *seq > anchored => {
					let bytes = fs::read(this.path(*seq, "anchor"))?;
					if let Ok((anchor, signature)) = parse_anchor(&bytes) {
						pending.push(Closed { device, anchor, signature });
					}
					this.last = this.last.max(*seq);
				},
				"anchor" | "rejected" => this.last = this.last.max(*seq),
				_ => {},
			}
		}
		for (seq, ext) in files {
			if ext != "part" {
				continue;
			}
			let path = this.path(seq, "part");
			match (seq > this.last).then(|| reload(&path)).transpose()? {
				Some(batch) => {
					this.open = Some(Open { sequence: seq, receiving: Some((batch, path)) })
				},
				None => fs::remove_file(&path)?,
			}
		}
		Ok((this, pending))
	}

	/// The device's folder.
	pub fn dir(&self) -> &Path {
		&self.dir
	}

	fn path(&self, sequence: u64, ext: &str) -> PathBuf {
		batch_path(&self.dir, sequence, ext)
	}

	/// Takes a readings message.
	pub fn readings(&mut self, payload: &[u8]) -> Result<Received, Rejection> {
		let mut message = Readings::parse(payload).map_err(|_| Rejection::Malformed("header"))?;
		let sequence = message.sequence;
		if sequence <= self.last {
			return Err(Rejection::Replay { sequence, last: self.last });
		}
		let mut abandoned = None;
		match &self.open {
			// The batch starts again: a device that restarted it (after losing its state, with
			// the sequence the chain expects next), or the broker delivering again from its
			// first message (then everything after it comes again too).
			Some(open) if open.sequence == sequence && message.first == 0 => {
				self.start(sequence)?;
			},
			Some(open) if open.sequence == sequence => {},
			Some(open) if open.sequence > sequence => {
				return Err(Rejection::Replay { sequence, last: open.sequence })
			},
			_ => {
				if let Some(old) = &self.open {
					abandoned = Some(Rejection::Abandoned(old.sequence));
				}
				self.start(sequence)?;
			},
		}
		let open = self.open.as_mut().expect("set above");
		let Some((batch, path)) = &mut open.receiving else {
			return Ok(Received { added: 0, abandoned });
		};
		let (first, expected) = (message.first, batch.len());
		if first > expected {
			return Err(self.break_open(Rejection::Gap { sequence, expected, got: first }));
		}
		let mut skip = expected - first;
		let mut frames = Vec::with_capacity(payload.len());
		let mut added = 0;
		while let Some(reading) = message.next_reading() {
			let Ok((timestamp, record)) = reading else {
				return Err(self.break_open(Rejection::Malformed("truncated reading")));
			};
			if skip > 0 {
				skip -= 1;
				continue;
			}
			if record.contains(&b'\n') || record.contains(&b'\r') {
				return Err(self.break_open(Rejection::Malformed("a record with a line break")));
			}
			if batch.push(timestamp, record).is_err() {
				return Err(self.break_open(Rejection::Malformed("more than 2^32 readings")));
			}
			frames.extend_from_slice(&timestamp.to_le_bytes());
			frames.extend_from_slice(&(record.len() as u16).to_le_bytes());
			frames.extend_from_slice(record);
			added += 1;
		}
		if added > 0 {
			let written = OpenOptions::new()
				.append(true)
				.open(&*path)
				.and_then(|mut file| file.write_all(&frames));
			if let Err(e) = written {
				return Err(self.break_open(Rejection::Storage(e.to_string())));
			}
		}
		Ok(Received { added, abandoned })
	}

	/// Takes an anchor message signed by `key`: the open batch is closed if the anchor
	/// commits to exactly its readings. The batch is on disk under its final names when this
	/// returns.
	pub fn anchor(&mut self, payload: &[u8], key: &DeviceKey) -> Result<Closed, Rejection> {
		let (anchor, signature) =
			parse_anchor(payload).map_err(|_| Rejection::Malformed("anchor length"))?;
		let sequence = anchor.sequence;
		if !key.verify(&anchor_payload(&self.device.into(), &anchor), &signature) {
			return Err(Rejection::BadSignature(sequence));
		}
		if sequence <= self.last {
			return Err(Rejection::Replay { sequence, last: self.last });
		}
		let open = match self.open.take() {
			Some(open) if open.sequence == sequence => open,
			other => {
				self.open = other;
				return Err(Rejection::Incomplete {
					sequence,
					anchored: anchor.reading_count,
					received: 0,
				});
			},
		};
		self.last = sequence;
		let Some((batch, part)) = &open.receiving else {
			return Err(Rejection::Incomplete {
				sequence,
				anchored: anchor.reading_count,
				received: 0,
			});
		};
		let ours = batch.anchor(sequence);
		if ours != Some(anchor) {
			self.discard(&open);
			return Err(if batch.len() != anchor.reading_count {
				Rejection::Incomplete {
					sequence,
					anchored: anchor.reading_count,
					received: batch.len(),
				}
			} else {
				Rejection::RootMismatch(sequence)
			});
		}
		self.write_closed(part, sequence, &anchor_message(&anchor, &signature))
			.map_err(|e| Rejection::Storage(e.to_string()))?;
		Ok(Closed { device: self.device, anchor, signature })
	}

	/// Writes the lines file and the anchor of a closed batch, then removes its `.part`.
	fn write_closed(&self, part: &Path, sequence: u64, anchor: &[u8]) -> std::io::Result<()> {
		let mut frames = Vec::new();
		File::open(part)?.read_to_end(&mut frames)?;
		let lines = self.path(sequence, "csv");
		let temporary = lines.with_extension("csv.tmp");
		let mut out = BufWriter::new(File::create(&temporary)?);
		if let Some(header) = &self.header {
			out.write_all(header)?;
			out.write_all(b"\n")?;
		}
		for_each_frame(&frames, |_, record| {
			out.write_all(record)?;
			out.write_all(b"\n")
		})?;
		out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
		fs::rename(&temporary, &lines)?;
		let anchor_path = self.path(sequence, "anchor");
		let temporary = anchor_path.with_extension("anchor.tmp");
		let mut file = File::create(&temporary)?;
		file.write_all(anchor)?;
		file.sync_all()?;
		fs::rename(&temporary, &anchor_path)?;
		File::open(&self.dir)?.sync_all()?;
		fs::remove_file(part)
	}

	/// Opens batch `sequence` (empty), in place of the open one.
	fn start(&mut self, sequence: u64) -> Result<(), Rejection> {
		if let Some(old) = self.open.take() {
			self.discard(&old);
		}
		let path = self.path(sequence, "part");
		File::create(&path).map_err(|e| Rejection::Storage(e.to_string()))?;
		self.open = Some(Open { sequence, receiving: Some((Batch::new(), path)) });
		Ok(())
	}

	/// Marks the open batch unanchorable, removing what it had on disk.
	fn break_open(&mut self, rejection: Rejection) -> Rejection {
		if let Some(open) = &mut self.open {
			if let Some((_, path)) = open.receiving.take() {
				let _ = fs::remove_file(path);
			}
		}
		rejection
	}

	fn discard(&self, open: &Open) {
		if let Some((_, path)) = &open.receiving {
			let _ = fs::remove_file(path);
		}
	}
}

fn batch_path(dir: &Path, sequence: u64, ext: &str) -> PathBuf {
	dir.join(format!("{sequence:020}.{ext}"))
}

/// Records under `data` that the chain refused the anchor of `device`'s batch `sequence`.
pub fn mark_refused(
	data: &Path,
	device: &Hash,
	sequence: u64,
	reason: &str,
) -> std::io::Result<()> {
	let dir = data.join(hex::encode(device));
	fs::write(batch_path(&dir, sequence, "rejected"), format!("{reason}\n"))?;
	fs::remove_file(batch_path(&dir, sequence, "anchor"))
}

/// Calls `f` with each whole frame of `frames`; a torn frame at the end (a crash while
/// appending) is ignored. Returns the length of the whole frames.
fn for_each_frame(
	frames: &[u8],
	mut f: impl FnMut(u64, &[u8]) -> std::io::Result<()>,
) -> std::io::Result<usize> {
	let mut at = 0;
	while let Some(head) = frames.get(at..at + READING_OVERHEAD) {
		let timestamp = u64::from_le_bytes(head[..8].try_into().expect("8 bytes"));
		let length = usize::from(u16::from_le_bytes([head[8], head[9]]));
		let Some(record) = frames.get(at + READING_OVERHEAD..at + READING_OVERHEAD + length) else {
			break;
		};
		f(timestamp, record)?;
		at += READING_OVERHEAD + length;
	}
	Ok(at)
}

/// The batch of a `.part` file, cut back to its whole frames.
fn reload(path: &Path) -> std::io::Result<Batch> {
	let frames = fs::read(path)?;
	let mut batch = Batch::new();
	let whole = for_each_frame(&frames, |timestamp, record| {
		batch.push(timestamp, record).map_err(|_| std::io::Error::other("batch full"))
	})?;
	if whole < frames.len() {
		OpenOptions::new().write(true).open(path)?.set_len(whole as u64)?;
	}
	Ok(batch)
}

#[cfg(test)]
mod tests {
	use super::*;
	use cpchain_client::readings;
	use cpchain_device::{
		mqtt::{ReadingsWriter, READINGS_HEADER},
		Device, Keypair,
	};

	const GENESIS: Hash = [9; 32];

	struct Sensor {
		device: Device,
		key: DeviceKey,
		taken: Vec<(u64, Vec<u8>)>,
	}

	impl Sensor {
		fn new() -> Self {
			let keypair = Keypair::from_seed(&[5; 32]);
			let key = keypair.public();
			Self { device: Device::new(keypair, &GENESIS, 0, 0), key, taken: Vec::new() }
		}

		fn id(&self) -> Hash {
			self.device.id()
		}

		/// `count` readings of the open batch from index `first`, as one message.
		fn message(&mut self, first: u32, count: u32) -> Vec<u8> {
			let sequence = self.device.last_sequence() + 1;
			let mut buffer = vec![0u8; READINGS_HEADER + count as usize * 40];
			let mut writer = ReadingsWriter::new(&mut buffer, sequence, first).unwrap();
			for i in first..first + count {
				let timestamp = 1_764_547_200_000 + u64::from(i) * 1000;
				let record = format!("{timestamp},{sequence},{}", 396 + i % 7).into_bytes();
				assert!(writer.push(timestamp, &record));
				if self.taken.len() == i as usize {
					self.taken.push((timestamp, record));
				}
			}
			writer.as_bytes().to_vec()
		}

		/// Seals what was taken and starts the next batch.
		fn seal(&mut self) -> Vec<u8> {
			let mut batch = Batch::new();
			for (t, r) in self.taken.drain(..) {
				batch.push(t, &r).unwrap();
			}
			let (anchor, signature) = self.device.seal(&batch).unwrap();
			anchor_message(&anchor, &signature).to_vec()
		}
	}

	fn added(added: u32) -> Result<Received, Rejection> {
		Ok(Received { added, abandoned: None })
	}

	fn open(dir: &Path, device: Hash, anchored: u64) -> (DeviceBatches, Vec<Closed>) {
		DeviceBatches::open(dir, device, anchored, Some(b"timestamp,sequence,v".to_vec())).unwrap()
	}

	#[test]
	fn a_batch_received_whole_closes_into_a_readings_file_its_anchor_matches() {
		let data = tempfile::tempdir().unwrap();
		let mut sensor = Sensor::new();
		let (mut batches, pending) = open(data.path(), sensor.id(), 0);
		assert!(pending.is_empty());
		assert_eq!(batches.readings(&sensor.message(0, 3)), added(3));
		assert_eq!(batches.readings(&sensor.message(3, 2)), added(2));
		let closed = batches.anchor(&sensor.seal(), &sensor.key).unwrap();
		assert_eq!((closed.anchor.sequence, closed.anchor.reading_count), (1, 5));

		let file = fs::read(batches.dir().join(format!("{:020}.csv", 1))).unwrap();
		let parsed = readings::parse(&file).unwrap();
		assert_eq!(parsed.len(), 5);
		assert!(
			readings::matches(&parsed, &closed.anchor),
			"the file is what the anchor commits to"
		);
		assert!(!batches.dir().join(format!("{:020}.part", 1)).exists());
	}

	#[test]
	fn redelivered_messages_are_dropped_and_lost_ones_break_the_batch() {
		let data = tempfile::tempdir().unwrap();
		let mut sensor = Sensor::new();
		let (mut batches, _) = open(data.path(), sensor.id(), 0);
		batches.readings(&sensor.message(0, 4)).unwrap();
		let second = sensor.message(4, 2);
		batches.readings(&second).unwrap();
		assert_eq!(batches.readings(&second), added(0));
		// A message overlapping what was received adds only the new readings.
		assert_eq!(batches.readings(&sensor.message(4, 4)), added(2));
		let _lost = sensor.message(8, 2);
		assert_eq!(
			batches.readings(&sensor.message(10, 2)),
			Err(Rejection::Gap { sequence: 1, expected: 8, got: 10 })
		);
		assert_eq!(batches.readings(&sensor.message(12, 1)), added(0), "ignored");
		assert_eq!(
			batches.anchor(&sensor.seal(), &sensor.key),
			Err(Rejection::Incomplete { sequence: 1, anchored: 13, received: 0 })
		);
		// The next batch is taken as usual.
		batches.readings(&sensor.message(0, 2)).unwrap();
		assert_eq!(batches.anchor(&sensor.seal(), &sensor.key).unwrap().anchor.sequence, 2);
	}

	#[test]
	fn forged_replayed_and_mismatched_anchors_are_refused() {
		let data = tempfile::tempdir().unwrap();
		let mut sensor = Sensor::new();
		let (mut batches, _) = open(data.path(), sensor.id(), 0);
		batches.readings(&sensor.message(0, 3)).unwrap();
		let good = sensor.seal();
		let mut forged = good.clone();
		forged[8] ^= 1; // the root
		assert_eq!(batches.anchor(&forged, &sensor.key), Err(Rejection::BadSignature(1)));
		let other_key = Keypair::from_seed(&[6; 32]).public();
		assert_eq!(batches.anchor(&good, &other_key), Err(Rejection::BadSignature(1)));
		assert_eq!(
			batches.anchor(&good[1..], &sensor.key),
			Err(Rejection::Malformed("anchor length"))
		);
		batches.anchor(&good, &sensor.key).unwrap();
		assert_eq!(
			batches.anchor(&good, &sensor.key),
			Err(Rejection::Replay { sequence: 1, last: 1 })
		);
		assert_eq!(
			batches.readings(&{
				let mut old = sensor.message(0, 1);
				old[..8].copy_from_slice(&1u64.to_le_bytes());
				old
			}),
			Err(Rejection::Replay { sequence: 1, last: 1 })
		);

		// Readings changed on the way: same count, another root.
		let mut message = sensor.message(0, 2);
		let last = message.len() - 1;
		message[last] ^= 1;
		batches.readings(&message).unwrap();
		assert_eq!(batches.anchor(&sensor.seal(), &sensor.key), Err(Rejection::RootMismatch(2)));
		assert!(!batches.dir().join(format!("{:020}.csv", 2)).exists());
	}

	#[test]
	fn a_restart_resumes_the_open_batch_and_returns_what_the_chain_lacks() {
		let data = tempfile::tempdir().unwrap();
		let mut sensor = Sensor::new();
		let id = sensor.id();
		let (mut batches, _) = open(data.path(), id, 0);
		batches.readings(&sensor.message(0, 2)).unwrap();
		batches.anchor(&sensor.seal(), &sensor.key).unwrap();
		batches.readings(&sensor.message(0, 3)).unwrap();
		let second = batches.anchor(&sensor.seal(), &sensor.key).unwrap();
		batches.readings(&sensor.message(0, 2)).unwrap();
		let third = sensor.message(2, 2);
		batches.readings(&third).unwrap();
		drop(batches);
		// A crash tore the last frame of the open batch.
		let part = data.path().join(hex::encode(id)).join(format!("{:020}.part", 3));
		let len = fs::metadata(&part).unwrap().len();
		OpenOptions::new().write(true).open(&part).unwrap().set_len(len - 3).unwrap();

		// The chain has the first anchor only.
		let (mut batches, pending) = open(data.path(), id, 1);
		assert_eq!(pending, vec![second]);
		// The broker delivers the unacknowledged message again: its torn reading is added again.
		assert_eq!(batches.readings(&third), added(1));
		let closed = batches.anchor(&sensor.seal(), &sensor.key).unwrap();
		assert_eq!((closed.anchor.sequence, closed.anchor.reading_count), (3, 4));

		// Once the chain holds all, nothing is pending, and old sequences are replays.
		let (mut batches, pending) = open(data.path(), id, 3);
		assert!(pending.is_empty());
		let mut old = sensor.message(0, 1);
		old[..8].copy_from_slice(&3u64.to_le_bytes());
		assert!(matches!(batches.readings(&old), Err(Rejection::Replay { .. })));
	}

	#[test]
	fn a_batch_without_its_anchor_is_abandoned_when_the_next_starts() {
		let data = tempfile::tempdir().unwrap();
		let mut sensor = Sensor::new();
		let (mut batches, _) = open(data.path(), sensor.id(), 0);
		batches.readings(&sensor.message(0, 2)).unwrap();
		let lost_anchor = sensor.seal();
		assert_eq!(
			batches.readings(&sensor.message(0, 2)).unwrap().abandoned,
			Some(Rejection::Abandoned(1))
		);
		assert!(!batches.dir().join(format!("{:020}.part", 1)).exists());
		assert!(matches!(
			batches.anchor(&lost_anchor, &sensor.key),
			Err(Rejection::Incomplete { .. })
		));
		assert_eq!(batches.anchor(&sensor.seal(), &sensor.key).unwrap().anchor.sequence, 2);
		mark_refused(data.path(), &sensor.id(), 2, "DeviceRegistry::DeviceSuspended").unwrap();
		let (_, pending) = open(data.path(), sensor.id(), 0);
		assert!(pending.is_empty(), "a refused batch is not submitted again");
	}

	#[test]
	fn a_device_that_lost_its_state_starts_the_batch_again() {
		let data = tempfile::tempdir().unwrap();
		let mut sensor = Sensor::new();
		let (mut batches, _) = open(data.path(), sensor.id(), 0);
		batches.readings(&sensor.message(0, 3)).unwrap();
		// The device restarts, reads its last anchored sequence (none) from the chain and takes
		// other readings under the same sequence.
		sensor.taken.clear();
		let mut again = sensor.message(0, 2);
		again[READINGS_HEADER + 10] ^= 1;
		sensor.taken[0].1[0] ^= 1;
		assert_eq!(batches.readings(&again), added(2));
		let closed = batches.anchor(&sensor.seal(), &sensor.key).unwrap();
		assert_eq!(closed.anchor.reading_count, 2);
	}

	#[test]
	fn records_with_line_breaks_and_truncated_messages_are_malformed() {
		let data = tempfile::tempdir().unwrap();
		let mut sensor = Sensor::new();
		let (mut batches, _) = open(data.path(), sensor.id(), 0);
		let mut buffer = [0u8; 64];
		let mut writer = ReadingsWriter::new(&mut buffer, 1, 0).unwrap();
		writer.push(1, b"a\nb");
		let message = writer.as_bytes().to_vec();
		assert_eq!(
			batches.readings(&message),
			Err(Rejection::Malformed("a record with a line break"))
		);
		assert_eq!(batches.readings(&[0; 5]), Err(Rejection::Malformed("header")));
		let mut cut = sensor.message(0, 2);
		cut.truncate(cut.len() - 1);
		let other = tempfile::tempdir().unwrap();
		let (mut fresh, _) = open(other.path(), sensor.id(), 0);
		assert_eq!(fresh.readings(&cut), Err(Rejection::Malformed("truncated reading")));
	}
}
