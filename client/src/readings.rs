//! Readings files: what a device recorded, one reading per line, as CSV (with a header that has
//! a `timestamp` column) or as JSON lines (objects with a `timestamp` field), timestamps in
//! milliseconds since the Unix epoch. A reading's bytes are its line exactly as written, so a
//! buyer can check a file it received against the device's anchor without any re-encoding.

use anyhow::{anyhow, bail, Result};
use cpchain_device::{Anchor, Batch};

/// One reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
	/// Milliseconds since the Unix epoch.
	pub timestamp_ms: u64,
	/// The line, without its line break.
	pub record: Vec<u8>,
}

/// Names the timestamp column or field may have.
const TIMESTAMP_NAMES: [&str; 3] = ["timestamp", "timestamp_ms", "ts"];

/// The readings of a file's bytes.
pub fn parse(bytes: &[u8]) -> Result<Vec<Reading>> {
	match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
		None => bail!("the readings file is empty"),
		Some(b'{') => parse_json_lines(bytes),
		Some(_) => parse_csv(bytes),
	}
}

fn parse_json_lines(bytes: &[u8]) -> Result<Vec<Reading>> {
	let mut readings = Vec::new();
	for (number, line) in bytes.split(|b| *b == b'\n').enumerate() {
		let line = line.strip_suffix(b"\r").unwrap_or(line);
		if line.iter().all(u8::is_ascii_whitespace) {
			continue;
		}
		let value: serde_json::Value = serde_json::from_slice(line)
			.map_err(|e| anyhow!("line {}: not JSON: {e}", number + 1))?;
		let timestamp_ms = TIMESTAMP_NAMES
			.iter()
			.find_map(|name| value.get(name))
			.and_then(serde_json::Value::as_u64)
			.ok_or_else(|| {
				anyhow!("line {}: no `timestamp` field with milliseconds as an integer", number + 1)
			})?;
		readings.push(Reading { timestamp_ms, record: line.to_vec() });
	}
	Ok(readings)
}

fn parse_csv(bytes: &[u8]) -> Result<Vec<Reading>> {
	let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
	let headers = reader.byte_headers().map_err(|e| anyhow!("CSV header: {e}"))?.clone();
	let column = headers
		.iter()
		.position(|h| TIMESTAMP_NAMES.iter().any(|name| h.trim_ascii() == name.as_bytes()))
		.ok_or_else(|| anyhow!("the CSV header has no `timestamp` column"))?;
	let mut starts = Vec::new();
	let mut record = csv::ByteRecord::new();
	loop {
		let start = reader.position().byte() as usize;
		if !reader.read_byte_record(&mut record).map_err(|e| anyhow!("CSV: {e}"))? {
			break;
		}
		let line = record.position().map_or(0, |p| p.line());
		let timestamp_ms = record
			.get(column)
			.and_then(|field| std::str::from_utf8(field).ok())
			.and_then(|field| field.trim().parse::<u64>().ok())
			.ok_or_else(|| {
				anyhow!("line {line}: the timestamp is not milliseconds as an integer")
			})?;
		starts.push((start, timestamp_ms));
	}
	let end = reader.position().byte() as usize;
	let mut readings = Vec::with_capacity(starts.len());
	for (i, (start, timestamp_ms)) in starts.iter().enumerate() {
		let stop = starts.get(i + 1).map_or(end, |next| next.0);
		// A record's position may be just before the line break that ends the previous one.
		let line = bytes[*start..stop].trim_ascii_start();
		let line = line.strip_suffix(b"\n").unwrap_or(line);
		let line = line.strip_suffix(b"\r").unwrap_or(line);
		readings.push(Reading { timestamp_ms: *timestamp_ms, record: line.to_vec() });
	}
	Ok(readings)
}

/// The anchor with `sequence` for `readings`: their root, count and time range, as the device
/// crate folds them.
pub fn anchor(readings: &[Reading], sequence: u64) -> Result<Anchor> {
	let mut batch = Batch::new();
	for reading in readings {
		batch
			.push(reading.timestamp_ms, &reading.record)
			.map_err(|_| anyhow!("too many readings"))?;
	}
	batch.anchor(sequence).ok_or_else(|| anyhow!("no readings in the file"))
}

/// Whether `readings` are exactly what `anchor` commits to.
pub fn matches(readings: &[Reading], anchor: &Anchor) -> bool {
	self::anchor(readings, anchor.sequence).is_ok_and(|ours| ours == *anchor)
}

#[cfg(test)]
mod tests {
	use super::*;

	const CSV: &[u8] = b"timestamp,cell_voltage,temp_c,note\r\n1700000000000,3.71,25.4,\"a, quoted\"\r\n1700000060000,3.70,25.6,x\n";

	#[test]
	fn csv_lines_are_the_records() {
		let readings = parse(CSV).unwrap();
		assert_eq!(readings.len(), 2);
		assert_eq!(readings[0].timestamp_ms, 1_700_000_000_000);
		assert_eq!(readings[0].record, b"1700000000000,3.71,25.4,\"a, quoted\"");
		assert_eq!(readings[1].record, b"1700000060000,3.70,25.6,x");
		let anchor = anchor(&readings, 1).unwrap();
		assert_eq!(
			(anchor.reading_count, anchor.time_start, anchor.time_end),
			(2, 1_700_000_000_000, 1_700_000_060_000)
		);
	}

	#[test]
	fn json_lines_are_the_records() {
		let file = b"{\"timestamp\": 5, \"v\": 1}\n\n{\"ts\": 9, \"v\": 2}\r\n";
		let readings = parse(file).unwrap();
		assert_eq!(
			readings[0],
			Reading { timestamp_ms: 5, record: b"{\"timestamp\": 5, \"v\": 1}".to_vec() }
		);
		assert_eq!(readings[1].timestamp_ms, 9);
	}

	#[test]
	fn an_anchor_matches_its_readings_only() {
		let readings = parse(CSV).unwrap();
		let anchor = anchor(&readings, 1).unwrap();
		assert!(matches(&readings, &anchor));
		let mut changed = readings.clone();
		changed[1].record[15] = b'9';
		assert!(!matches(&changed, &anchor));
		assert!(!matches(&readings[..1], &anchor));
	}

	#[test]
	fn bad_files_say_where() {
		assert!(parse(b"").unwrap_err().to_string().contains("empty"));
		assert!(parse(b"time,v\n1,2\n").unwrap_err().to_string().contains("no `timestamp` column"));
		let err = parse(b"timestamp,v\n1,2\nsoon,3\n").unwrap_err().to_string();
		assert!(err.contains("line 3"), "{err}");
		let err = parse(b"{\"timestamp\": 1}\n{\"v\": 2}\n").unwrap_err().to_string();
		assert!(err.contains("line 2"), "{err}");
		let err = parse(b"{\"timestamp\": 1}\n{oops\n").unwrap_err().to_string();
		assert!(err.contains("line 2: not JSON"), "{err}");
	}
}
