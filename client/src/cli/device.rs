//! `cpchain device`.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context as _, Result};
use clap::Subcommand;
use cpchain_client::{
	account,
	chain::{runtime, Chain, H256},
	device::{self, parse_h256, DeviceFile},
	keystore::Kind,
	readings,
};
use cpchain_primitives::device::{next_anchor_hash, Anchor, DeviceId};
use futures::{StreamExt, TryStreamExt};
use serde_json::json;

use super::Context;

#[derive(Subcommand)]
pub enum Command {
	/// Make a device key (ed25519). It signs the device's data; it is not an account.
	New {
		/// Name in the keystore.
		name: String,
	},
	/// Register a device under an account, proving possession of its key.
	///
	/// Costs a deposit for the device's record and metadata, and the key fee.
	Register {
		/// The device's name in the keystore.
		name: String,
		/// Owning account: keystore name or dev URI.
		#[arg(long)]
		owner: String,
		/// Kind or model, such as `ev-bms/v2`.
		#[arg(long, default_value = "")]
		kind: String,
		/// Hash of the firmware image the device runs (32 bytes, hex).
		#[arg(long, value_parser = parse_h256)]
		firmware: Option<H256>,
		/// An attribute `key=value`, such as `vin=WVWZZZ1JZ3W386752`; repeat for more.
		#[arg(long = "attr", value_parser = parse_attribute)]
		attributes: Vec<(String, String)>,
	},
	/// Anchor a batch of readings: the device signs their Merkle root, count and time range.
	///
	/// The readings file is CSV with a `timestamp` column, or JSON lines with a `timestamp`
	/// field, in milliseconds since the Unix epoch; one reading per line.
	Anchor {
		/// The device's name in the keystore.
		name: String,
		/// The readings file.
		readings: PathBuf,
		/// Submitting account: the owner, or a gateway it authorized.
		#[arg(long)]
		from: String,
		/// Sequence number of the anchor [default: the last one + 1].
		#[arg(long)]
		sequence: Option<u64>,
	},
	/// Show a device: owner, key, status, metadata and anchor chain head.
	Show {
		/// Keystore name or device id (hex).
		device: String,
	},
	/// Check a device's provenance: replay its anchor chain from the chain's events, and
	/// check readings files against its anchors.
	///
	/// Fails (exit code 1) if the replayed chain does not end at the head the chain stores,
	/// or if a file matches no anchor. Scans the blocks from the device's registration to
	/// its last anchor.
	Verify {
		/// Keystore name or device id (hex).
		device: String,
		/// Readings files to check.
		readings: Vec<PathBuf>,
	},
}

fn parse_attribute(text: &str) -> Result<(String, String), String> {
	text.split_once('=')
		.map(|(k, v)| (k.to_string(), v.to_string()))
		.ok_or_else(|| format!("`{text}` is not key=value"))
}

/// The id of a device given by keystore name or hex id.
fn device_id(cx: &Context, device: &str) -> Result<DeviceId> {
	if let Ok(id) = parse_h256(device) {
		return Ok(id);
	}
	let file: DeviceFile = cx.keystore.load(Kind::Device, device)?;
	device::stored_id(&file, device)
}

fn read_readings(path: &PathBuf) -> Result<Vec<readings::Reading>> {
	let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
	readings::parse(&bytes).with_context(|| format!("{}", path.display()))
}

pub async fn run(command: Command, cx: &Context) -> Result<()> {
	match command {
		Command::New { name } => {
			let file = device::create(&cx.keystore, &name)?;
			cx.print(
				format!("device key `{name}`: ed25519 {}", file.public),
				json!({ "name": name, "public": file.public }),
			);
		},
		Command::Register { name, owner, kind, firmware, attributes } => {
			let mut file: DeviceFile = cx.keystore.load(Kind::Device, &name)?;
			let pair = device::pair(&file)?;
			let owner = account::signer(&cx.keystore, &owner)?;
			let chain = cx.chain().await?;
			let firmware = firmware.unwrap_or_default();
			let id = device::register(&chain, &owner, &pair, &kind, firmware, attributes).await?;
			file.device = Some(format!("{id:?}"));
			cx.keystore.save(Kind::Device, &name, &file, true)?;
			cx.print(
				format!("device `{name}` registered: {id:?}"),
				json!({ "device": format!("{id:?}") }),
			);
		},
		Command::Anchor { name, readings: path, from, sequence } => {
			let file: DeviceFile = cx.keystore.load(Kind::Device, &name)?;
			let (pair, id) = (device::pair(&file)?, device::stored_id(&file, &name)?);
			let submitter = account::signer(&cx.keystore, &from)?;
			let readings = read_readings(&path)?;
			let chain = cx.chain().await?;
			let sequence = match sequence {
				Some(sequence) => sequence,
				None => details(&chain, id).await?.anchor.sequence + 1,
			};
			let anchor = readings::anchor(&readings, sequence)?;
			let head = device::anchor(&chain, &submitter, &pair, id, anchor).await?;
			cx.print(
				format!(
					"anchored {} readings of `{name}` as sequence {sequence}: root {:?}, head {head:?}",
					anchor.reading_count,
					H256(anchor.batch_root)
				),
				json!({
					"device": format!("{id:?}"),
					"sequence": sequence,
					"batch_root": format!("{:?}", H256(anchor.batch_root)),
					"reading_count": anchor.reading_count,
					"time_start": anchor.time_start,
					"time_end": anchor.time_end,
					"head": format!("{head:?}"),
				}),
			);
		},
		Command::Show { device } => {
			let id = device_id(cx, &device)?;
			let chain = cx.chain().await?;
			let d = details(&chain, id).await?;
			let key = match d.key.0 {
				cpchain_primitives::device::DeviceKey::Ed25519(k) => {
					format!("ed25519 {}", hex::encode(k))
				},
				cpchain_primitives::device::DeviceKey::Sr25519(k) => {
					format!("sr25519 {}", hex::encode(k))
				},
			};
			let status = format!("{:?}", d.status);
			let kind = String::from_utf8_lossy(&d.kind).to_string();
			let attributes: Vec<_> = d
				.attributes
				.iter()
				.map(|(k, v)| {
					format!("{}={}", String::from_utf8_lossy(k), String::from_utf8_lossy(v))
				})
				.collect();
			cx.print(
				format!(
					"device {id:?}\n  owner      {}\n  key        {key} (version {})\n  status     {status}\n  kind       {kind}\n  firmware   {:?}\n  attributes {}\n  registered block {}\n  anchors    {} (last sequence {}, {} readings, head {:?}, block {})",
					d.owner,
					d.key_version,
					d.firmware_hash,
					attributes.join(", "),
					d.registered_at,
					d.anchor.count,
					d.anchor.sequence,
					d.anchor.readings,
					d.anchor.head,
					d.anchor.updated_at,
				),
				json!({
					"device": format!("{id:?}"),
					"owner": d.owner.to_string(),
					"key": key,
					"key_version": d.key_version,
					"status": status,
					"kind": kind,
					"firmware_hash": format!("{:?}", d.firmware_hash),
					"attributes": attributes,
					"registered_at": d.registered_at,
					"anchors": d.anchor.count,
					"last_sequence": d.anchor.sequence,
					"readings": d.anchor.readings,
					"head": format!("{:?}", d.anchor.head),
				}),
			);
		},
		Command::Verify { device, readings: paths } => {
			let id = device_id(cx, &device)?;
			let files = paths.iter().map(read_readings).collect::<Result<Vec<_>>>()?;
			let chain = cx.chain().await?;
			let d = details(&chain, id).await?;
			let anchors = anchors_of(&chain, id, d.registered_at, d.anchor.updated_at).await?;
			let replayed = anchors.iter().fold(id, |head, anchor| next_anchor_hash(&head, anchor));
			if anchors.len() as u64 != d.anchor.count || replayed != d.anchor.head {
				bail!(
					"the anchor chain does not replay: {} anchors found ending at {replayed:?}, the chain holds {} ending at {:?}",
					anchors.len(),
					d.anchor.count,
					d.anchor.head
				);
			}
			let mut matched = Vec::new();
			for (path, file) in paths.iter().zip(&files) {
				let anchor = anchors
					.iter()
					.find(|anchor| readings::matches(file, anchor))
					.ok_or_else(|| anyhow!("{} matches no anchor of the device", path.display()))?;
				matched.push((path.display().to_string(), anchor.sequence));
			}
			let lines: Vec<_> =
				matched.iter().map(|(p, s)| format!("\n  {p}: anchor {s}")).collect();
			cx.print(
				format!(
					"device {id:?}: {} anchors replay to the head the chain holds{}",
					anchors.len(),
					lines.concat()
				),
				json!({
					"device": format!("{id:?}"),
					"anchors": anchors.len(),
					"head": format!("{:?}", d.anchor.head),
					"files": matched.iter().map(|(p, s)| json!({ "file": p, "sequence": s })).collect::<Vec<_>>(),
				}),
			);
		},
	}
	Ok(())
}

pub(super) type Details =
	runtime::runtime_types::pallet_device_registry::runtime_api::DeviceDetails<
		subxt::utils::AccountId32,
		u32,
	>;

pub(super) async fn details(chain: &Chain, id: DeviceId) -> Result<Details> {
	let at = chain.at().await?;
	at.runtime_apis()
		.call(runtime::runtime_apis().device_registry_api().device(id))
		.await?
		.ok_or_else(|| anyhow!("no device {id:?} on chain"))
}

/// The anchors of `device` in the blocks `from..=to`, in order, from `DataAnchored` events.
pub(super) async fn anchors_of(
	chain: &Chain,
	device: DeviceId,
	from: u32,
	to: u32,
) -> Result<Vec<Anchor>> {
	let api = chain.api();
	let blocks = futures::stream::iter(from..=to)
		.map(|number| async move {
			let at = api.at_block(number).await?;
			let events = at.events().fetch().await?;
			let mut found = Vec::new();
			for event in events.find::<runtime::device_registry::events::DataAnchored>() {
				let event = event?;
				if event.device == device {
					found.push(event.anchor.0);
				}
			}
			Ok::<_, anyhow::Error>(found)
		})
		.buffered(16);
	let per_block: Vec<Vec<Anchor>> = blocks.try_collect().await?;
	Ok(per_block.into_iter().flatten().collect())
}
