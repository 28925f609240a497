//! What a device publishes to its gateway over MQTT: two topics per device and their payloads.
//! The device encodes into buffers it owns; the gateway decodes with the same definitions.
//!
//! - `cpchain/devices/<device id, 64 hex>/readings`: readings of the open batch, many per
//!   message: `sequence: u64 | first: u32 | (timestamp_ms: u64 | length: u16 | record)*`,
//!   integers little-endian. `sequence` is the anchor the readings will belong to and `first`
//!   the index of the message's first reading in the batch, so the gateway can drop a message
//!   the broker delivered twice and notice one that was lost.
//! - `cpchain/devices/<device id>/anchor`: after a batch's last readings, its anchor and the
//!   device's signature: `anchor (60 bytes, its SCALE encoding) | signature (64 bytes)`.
//!
//! Publish both with QoS 1 on one connection, so that they arrive in order and at least once.

use crate::{Anchor, DeviceSignature, Hash};

/// Every device topic starts with this.
pub const TOPIC_PREFIX: &str = "cpchain/devices/";
/// The filter a gateway subscribes to.
pub const TOPIC_FILTER: &str = "cpchain/devices/+/+";
/// Bytes before the first reading of a readings message.
pub const READINGS_HEADER: usize = 12;
/// Bytes a reading takes in a readings message besides its record.
pub const READING_OVERHEAD: usize = 10;
/// Length of an anchor message.
pub const ANCHOR_MESSAGE: usize = 124;

const TOPIC_CAPACITY: usize = TOPIC_PREFIX.len() + 64 + "/readings".len();

/// What a message on a device topic carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
	/// Readings of the open batch.
	Readings,
	/// The signed anchor that closes a batch.
	Anchor,
}

impl Kind {
	fn suffix(self) -> &'static str {
		match self {
			Kind::Readings => "readings",
			Kind::Anchor => "anchor",
		}
	}
}

/// A device topic, formatted without an allocator.
pub struct Topic {
	bytes: [u8; TOPIC_CAPACITY],
	len: usize,
}

impl Topic {
	/// The topic on which device `id` publishes messages of `kind`.
	pub fn new(id: &Hash, kind: Kind) -> Self {
		const HEX: &[u8; 16] = b"0123456789abcdef";
		let mut bytes = [0u8; TOPIC_CAPACITY];
		let prefix = TOPIC_PREFIX.len();
		bytes[..prefix].copy_from_slice(TOPIC_PREFIX.as_bytes());
		for (i, byte) in id.iter().enumerate() {
			bytes[prefix + 2 * i] = HEX[usize::from(byte >> 4)];
			bytes[prefix + 2 * i + 1] = HEX[usize::from(byte & 0xf)];
		}
		bytes[prefix + 64] = b'/';
		let suffix = kind.suffix().as_bytes();
		let len = prefix + 65 + suffix.len();
		bytes[prefix + 65..len].copy_from_slice(suffix);
		Self { bytes, len }
	}

	/// The topic as text.
	pub fn as_str(&self) -> &str {
		// Only ASCII was written.
		core::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
	}
}

/// The device and kind a topic names; `None` for any other topic.
pub fn parse_topic(topic: &str) -> Option<(Hash, Kind)> {
	let (hex, suffix) = topic.strip_prefix(TOPIC_PREFIX)?.split_once('/')?;
	let kind = [Kind::Readings, Kind::Anchor].into_iter().find(|k| k.suffix() == suffix)?;
	let hex = hex.as_bytes();
	if hex.len() != 64 {
		return None;
	}
	let nibble = |c: u8| match c {
		b'0'..=b'9' => Some(c - b'0'),
		b'a'..=b'f' => Some(c - b'a' + 10),
		_ => None,
	};
	let mut id = [0u8; 32];
	for (i, byte) in id.iter_mut().enumerate() {
		*byte = nibble(hex[2 * i])? << 4 | nibble(hex[2 * i + 1])?;
	}
	Some((id, kind))
}

/// Why a message could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageError {
	/// The payload ends inside a field.
	Truncated,
	/// An anchor message is not [`ANCHOR_MESSAGE`] bytes long.
	WrongLength,
}

/// A readings message being written into a buffer the caller owns.
pub struct ReadingsWriter<'a> {
	buffer: &'a mut [u8],
	len: usize,
	count: u32,
}

impl<'a> ReadingsWriter<'a> {
	/// Starts a message of readings `first..` of the batch with `sequence`; `None` if `buffer`
	/// is shorter than the header.
	pub fn new(buffer: &'a mut [u8], sequence: u64, first: u32) -> Option<Self> {
		let header = buffer.get_mut(..READINGS_HEADER)?;
		header[..8].copy_from_slice(&sequence.to_le_bytes());
		header[8..].copy_from_slice(&first.to_le_bytes());
		Some(Self { buffer, len: READINGS_HEADER, count: 0 })
	}

	/// Appends a reading; `false` (and nothing written) if it does not fit, or if `record` is
	/// longer than 65,535 bytes.
	pub fn push(&mut self, timestamp_ms: u64, record: &[u8]) -> bool {
		let Ok(length) = u16::try_from(record.len()) else { return false };
		let end = self.len + READING_OVERHEAD + record.len();
		let Some(slot) = self.buffer.get_mut(self.len..end) else { return false };
		slot[..8].copy_from_slice(&timestamp_ms.to_le_bytes());
		slot[8..10].copy_from_slice(&length.to_le_bytes());
		slot[10..].copy_from_slice(record);
		self.len = end;
		self.count += 1;
		true
	}

	/// Readings written.
	pub fn count(&self) -> u32 {
		self.count
	}

	/// The message so far.
	pub fn as_bytes(&self) -> &[u8] {
		&self.buffer[..self.len]
	}
}

/// A readings message as received.
#[derive(Clone, Debug)]
pub struct Readings<'a> {
	/// The sequence of the anchor the readings belong to.
	pub sequence: u64,
	/// Index of the first reading in its batch.
	pub first: u32,
	rest: &'a [u8],
}

impl<'a> Readings<'a> {
	/// Reads the header of `payload`; the readings come from [`Readings::next_reading`].
	pub fn parse(payload: &'a [u8]) -> Result<Self, MessageError> {
		let (header, rest) =
			payload.split_at_checked(READINGS_HEADER).ok_or(MessageError::Truncated)?;
		let (sequence, first) = header.split_at(8);
		Ok(Self {
			sequence: u64::from_le_bytes(sequence.try_into().unwrap_or_default()),
			first: u32::from_le_bytes(first.try_into().unwrap_or_default()),
			rest,
		})
	}

	/// The next reading, `(timestamp_ms, record)`; `None` at the end.
	pub fn next_reading(&mut self) -> Option<Result<(u64, &'a [u8]), MessageError>> {
		if self.rest.is_empty() {
			return None;
		}
		let Some((head, rest)) = self.rest.split_at_checked(READING_OVERHEAD) else {
			self.rest = &[];
			return Some(Err(MessageError::Truncated));
		};
		let timestamp = u64::from_le_bytes(head[..8].try_into().unwrap_or_default());
		let length = u16::from_le_bytes([head[8], head[9]]);
		let Some((record, rest)) = rest.split_at_checked(usize::from(length)) else {
			self.rest = &[];
			return Some(Err(MessageError::Truncated));
		};
		self.rest = rest;
		Some(Ok((timestamp, record)))
	}
}

/// The message that closes a batch: its anchor and the device's signature.
pub fn anchor_message(anchor: &Anchor, signature: &DeviceSignature) -> [u8; ANCHOR_MESSAGE] {
	let mut message = [0u8; ANCHOR_MESSAGE];
	message[..60].copy_from_slice(&anchor.to_bytes());
	message[60..].copy_from_slice(&signature.0);
	message
}

/// The anchor and signature of an anchor message.
pub fn parse_anchor(payload: &[u8]) -> Result<(Anchor, DeviceSignature), MessageError> {
	let payload: &[u8; ANCHOR_MESSAGE] =
		payload.try_into().map_err(|_| MessageError::WrongLength)?;
	let u64_at = |at: usize| u64::from_le_bytes(payload[at..at + 8].try_into().unwrap_or_default());
	let mut batch_root = [0u8; 32];
	batch_root.copy_from_slice(&payload[8..40]);
	let anchor = Anchor {
		sequence: u64_at(0),
		batch_root,
		reading_count: u32::from_le_bytes(payload[40..44].try_into().unwrap_or_default()),
		time_start: u64_at(44),
		time_end: u64_at(52),
	};
	let mut signature = [0u8; 64];
	signature.copy_from_slice(&payload[60..]);
	Ok((anchor, DeviceSignature(signature)))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn topics_round_trip() {
		let id = [0xa5; 32];
		let topic = Topic::new(&id, Kind::Readings);
		assert_eq!(topic.as_str(), "cpchain/devices/a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5/readings");
		assert_eq!(parse_topic(topic.as_str()), Some((id, Kind::Readings)));
		assert_eq!(parse_topic(Topic::new(&id, Kind::Anchor).as_str()), Some((id, Kind::Anchor)));
		let other = ["cpchain/devices/a5/readings", "cpchain/devices/A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5/anchor", "x/y"];
		for topic in other {
			assert_eq!(parse_topic(topic), None, "{topic}");
		}
		let wrong_kind = Topic::new(&id, Kind::Anchor).as_str().replace("anchor", "status");
		assert_eq!(parse_topic(&wrong_kind), None);
	}

	#[test]
	fn readings_round_trip_and_stop_at_the_buffer() {
		let mut buffer = [0u8; 40];
		let mut writer = ReadingsWriter::new(&mut buffer, 7, 3).unwrap();
		assert!(writer.push(100, b"abc"));
		assert!(writer.push(200, b"defgh"));
		assert!(!writer.push(300, b"x"), "12 + 13 + 15 + 11 > 40");
		assert_eq!(writer.count(), 2);
		let len = writer.as_bytes().len();
		assert_eq!(len, 40);
		let message = buffer;
		let mut readings = Readings::parse(&message).unwrap();
		assert_eq!((readings.sequence, readings.first), (7, 3));
		assert_eq!(readings.next_reading(), Some(Ok((100, &b"abc"[..]))));
		assert_eq!(readings.next_reading(), Some(Ok((200, &b"defgh"[..]))));
		assert_eq!(readings.next_reading(), None);

		let mut cut = Readings::parse(&message[..38]).unwrap();
		assert!(cut.next_reading().unwrap().is_ok());
		assert_eq!(cut.next_reading(), Some(Err(MessageError::Truncated)));
		assert_eq!(cut.next_reading(), None);
		assert_eq!(Readings::parse(&message[..11]).unwrap_err(), MessageError::Truncated);
		assert!(ReadingsWriter::new(&mut [0u8; 11], 1, 0).is_none());
	}

	#[test]
	fn anchors_round_trip() {
		let anchor = Anchor {
			sequence: 9,
			batch_root: [3; 32],
			reading_count: 600,
			time_start: 1_764_547_200_000,
			time_end: 1_764_547_259_900,
		};
		let signature = DeviceSignature([8; 64]);
		let message = anchor_message(&anchor, &signature);
		assert_eq!(parse_anchor(&message), Ok((anchor, signature)));
		assert_eq!(parse_anchor(&message[1..]), Err(MessageError::WrongLength));
	}
}
