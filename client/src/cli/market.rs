//! `cpchain market`: find, inspect and buy datasets.

use std::{path::PathBuf, time::Duration};

use anyhow::{anyhow, bail, Context as _, Result};
use clap::Subcommand;
use cpchain_client::{
	account::{self, format_amount, parse_amount},
	chain::{entries, event, runtime, Chain},
	dataset::{self, Opener},
	market,
	provider_api::ProviderClient,
	readings, transfer,
};
use cpchain_primitives::pre::{encode_capsule, encode_public_key};
use serde_json::json;

use super::Context;

type Listing = runtime::runtime_types::pallet_data_market::types::Listing;

#[derive(Subcommand)]
pub enum Command {
	/// List what is for sale.
	Search {
		/// Only listings with this tag.
		#[arg(long)]
		tag: Option<String>,
		/// Only listings of this seller (keystore name, address or dev URI).
		#[arg(long)]
		seller: Option<String>,
		/// Only listings at most this price, in CPC.
		#[arg(long)]
		max_price: Option<String>,
	},
	/// Show a listing with its provenance and its seller's reputation.
	Show {
		/// Listing id.
		listing: u64,
	},
	/// Buy a dataset, wait for the seller's re-encrypted key, download and decrypt it.
	///
	/// The price is held in escrow until the chain has verified the key fragments for your
	/// key; if the seller does not deliver in time, `market refund` returns it. If the download
	/// is interrupted, `--resume PURCHASE` picks it up without paying again.
	Buy {
		/// Listing id (not needed with --resume).
		listing: Option<u64>,
		/// Buying account: keystore name or dev URI.
		#[arg(long)]
		from: String,
		/// Where to write the decrypted data.
		#[arg(long)]
		out: PathBuf,
		/// Most you pay, in CPC [default: the listing's price].
		#[arg(long)]
		max_price: Option<String>,
		/// Resume this purchase instead of buying again.
		#[arg(long)]
		resume: Option<u64>,
		/// For a stream you subscribe to: buy the next period (once published and the
		/// current one delivered) instead of the current one.
		#[arg(long)]
		renew: bool,
		/// How long to wait for the seller's key fragments, in seconds.
		#[arg(long, default_value_t = 600)]
		wait: u64,
	},
	/// Check a dataset against its listing's provenance: the file must be exactly the readings
	/// the listed devices' anchors commit to, device after device in the listing's order, each
	/// device's anchors in sequence (as `cpchain-gateway export` writes a fleet's period, or a
	/// single anchored readings file).
	Verify {
		/// Listing id.
		listing: u64,
		/// The readings file (decrypted, e.g. by `market buy`).
		file: PathBuf,
	},
	/// Get the price back for a purchase the seller did not deliver by its deadline.
	Refund {
		/// Purchase id.
		purchase: u64,
		/// The buyer's account.
		#[arg(long)]
		from: String,
	},
	/// Rate a completed purchase from 1 to 5.
	Rate {
		/// Purchase id.
		purchase: u64,
		/// 1 (bad) to 5 (excellent).
		#[arg(value_parser = clap::value_parser!(u8).range(1..=5))]
		rating: u8,
		/// The buyer's account.
		#[arg(long)]
		from: String,
	},
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

fn listing_json(id: u64, l: &Listing) -> serde_json::Value {
	let content = l.content.0.first();
	json!({
		"listing": id,
		"seller": l.seller.to_string(),
		"price": l.price.to_string(),
		"license": text(&l.license.0),
		"tags": l.tags.0.iter().map(|t| text(&t.0)).collect::<Vec<_>>(),
		"status": format!("{:?}", l.status),
		"content_root": content.map(|c| format!("{:?}", c.content_root)),
		"size": content.map(|c| c.size),
		"provenance": l.provenance.0.iter().map(|p| json!({
			"device": format!("{:?}", p.0.device),
			"first_sequence": p.0.first_sequence,
			"last_sequence": p.0.last_sequence,
		})).collect::<Vec<_>>(),
	})
}

pub async fn run(command: Command, cx: &Context) -> Result<()> {
	match command {
		Command::Search { tag, seller, max_price } => {
			let seller = seller.map(|s| account::resolve(&cx.keystore, &s)).transpose()?;
			let max_price = max_price.as_deref().map(parse_amount).transpose()?;
			let chain = cx.chain().await?;
			let at = chain.at().await?;
			let mut found = Vec::new();
			for ((id,), l) in entries(&at, runtime::storage().data_market().listings()).await? {
				let tagged =
					tag.as_ref().is_none_or(|t| l.tags.0.iter().any(|x| x.0 == t.as_bytes()));
				let by = seller.as_ref().is_none_or(|s| &l.seller == s);
				let cheap = max_price.is_none_or(|m| l.price <= m);
				if tagged && by && cheap {
					found.push((id, l));
				}
			}
			found.sort_by_key(|(id, _)| *id);
			let lines: Vec<_> = found
				.iter()
				.map(|(id, l)| {
					let size = l.content.0.first().map_or(0, |c| c.size);
					let tags: Vec<_> = l.tags.0.iter().map(|t| text(&t.0)).collect();
					format!(
						"{id:>6}  {:>20}  {size:>12} bytes  {}  [{}]",
						format_amount(l.price),
						text(&l.license.0),
						tags.join(", ")
					)
				})
				.collect();
			let table = if lines.is_empty() { "no listings".to_string() } else { lines.join("\n") };
			let json: Vec<_> = found.iter().map(|(id, l)| listing_json(*id, l)).collect();
			cx.print(table, json!({ "listings": json }));
		},
		Command::Verify { listing: id, file } => {
			let chain = cx.chain().await?;
			let l = market::listing(&chain, id).await?;
			let bytes =
				std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
			let all = readings::parse(&bytes).with_context(|| format!("{}", file.display()))?;
			let (mut rest, mut anchors) = (&all[..], 0);
			for p in &l.provenance.0 {
				let p = p.0;
				let d = super::device::details(&chain, p.device).await?;
				let chain_anchors = super::device::anchors_of(
					&chain,
					p.device,
					d.registered_at,
					d.anchor.updated_at,
				)
				.await?;
				let range = p.first_sequence..=p.last_sequence;
				for anchor in chain_anchors.iter().filter(|a| range.contains(&a.sequence)) {
					let count = anchor.reading_count as usize;
					let at = all.len() - rest.len();
					let (part, tail) = rest.split_at_checked(count).ok_or_else(|| {
						anyhow!(
							"the file ends before anchor {} of device {:?}",
							anchor.sequence,
							p.device
						)
					})?;
					if !readings::matches(part, anchor) {
						bail!(
							"readings {}..{} are not what anchor {} of device {:?} commits to",
							at + 1,
							at + count,
							anchor.sequence,
							p.device
						);
					}
					(rest, anchors) = (tail, anchors + 1);
				}
			}
			if !rest.is_empty() {
				bail!(
					"the last {} readings of the file are in none of the listing's anchors",
					rest.len()
				);
			}
			let devices = l.provenance.0.len();
			cx.print(
				format!(
					"{}: all {} readings are those of {anchors} anchors of {devices} devices on chain",
					file.display(),
					all.len()
				),
				json!({ "listing": id, "readings": all.len(), "anchors": anchors, "devices": devices }),
			);
		},
		Command::Show { listing: id } => {
			let chain = cx.chain().await?;
			let l = market::listing(&chain, id).await?;
			let at = chain.at().await?;
			let reputation = at
				.runtime_apis()
				.call(runtime::runtime_apis().data_market_api().reputation(l.seller.clone()))
				.await?;
			let mut provenance = Vec::new();
			for p in &l.provenance.0 {
				let p = p.0;
				let device = at
					.runtime_apis()
					.call(runtime::runtime_apis().device_registry_api().device(p.device))
					.await?;
				let state = match device {
					Some(d) => format!(
						"{:?}, {} anchors on chain, kind {}",
						d.status,
						d.anchor.count,
						text(&d.kind)
					),
					None => "no longer registered".into(),
				};
				provenance.push(format!(
					"device {:?} anchors {}-{} ({state})",
					p.device, p.first_sequence, p.last_sequence
				));
			}
			let mut j = listing_json(id, &l);
			j["reputation"] = json!(format!("{reputation:?}"));
			cx.print(
				format!(
					"listing {id} by {}\n  price      {}\n  status     {:?}\n  content    {} ({} bytes)\n  license    {}\n  tags       {}\n  reputation {reputation:?}\n  provenance {}",
					l.seller,
					format_amount(l.price),
					l.status,
					j["content_root"].as_str().unwrap_or("-"),
					j["size"],
					text(&l.license.0),
					l.tags.0.iter().map(|t| text(&t.0)).collect::<Vec<_>>().join(", "),
					if provenance.is_empty() { "none declared".into() } else { provenance.join("\n             ") },
				),
				j,
			);
		},
		Command::Buy { listing, from, out, max_price, resume, renew, wait } => {
			buy(cx, listing, &from, &out, max_price, resume, renew, wait).await?;
		},
		Command::Refund { purchase, from } => {
			let signer = account::signer(&cx.keystore, &from)?;
			let chain = cx.chain().await?;
			let events =
				chain.submit(&runtime::tx().data_market().claim_refund(purchase), &signer).await?;
			let refunded = event::<runtime::data_market::events::PurchaseRefunded>(&events)?;
			cx.print(
				format!("purchase {purchase} refunded: {}", format_amount(refunded.amount)),
				json!({ "purchase": purchase, "amount": refunded.amount.to_string() }),
			);
		},
		Command::Rate { purchase, rating, from } => {
			let signer = account::signer(&cx.keystore, &from)?;
			let chain = cx.chain().await?;
			chain.submit(&runtime::tx().data_market().rate(purchase, rating), &signer).await?;
			cx.print(
				format!("rated purchase {purchase}: {rating}"),
				json!({ "purchase": purchase, "rating": rating }),
			);
		},
	}
	Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn buy(
	cx: &Context,
	listing: Option<u64>,
	from: &str,
	out: &PathBuf,
	max_price: Option<String>,
	resume: Option<u64>,
	renew: bool,
	wait: u64,
) -> Result<()> {
	let signer = account::signer(&cx.keystore, from)?;
	let buyer = account::account_id(&signer);
	let receiving = market::pre_key(&cx.keystore, &buyer)?;
	let chain = cx.chain().await?;

	let purchase = match resume {
		Some(purchase) => purchase,
		None => {
			let id = listing.ok_or_else(|| anyhow!("give a listing id, or --resume PURCHASE"))?;
			let l = market::listing(&chain, id).await?;
			let max_price = max_price.as_deref().map(parse_amount).transpose()?.unwrap_or(l.price);
			let (key, calls) =
				(encode_public_key(&receiving.public_key()), runtime::tx().data_market());
			let events = if renew {
				chain.submit(&calls.renew(id, key, max_price), &signer).await?
			} else {
				chain.submit(&calls.purchase(id, key, max_price), &signer).await?
			};
			let purchased = event::<runtime::data_market::events::Purchased>(&events)?;
			if !cx.json {
				eprintln!(
					"purchase {}: {} in escrow; waiting for the seller's key fragments",
					purchased.purchase,
					format_amount(purchased.price)
				);
			}
			purchased.purchase
		},
	};

	let waiting_since = std::time::Instant::now();
	let spinner = cx.spinner(format!("purchase {purchase}: waiting for the seller"));
	wait_fulfilled(&chain, purchase, Duration::from_secs(wait)).await?;
	spinner.finish_and_clear();
	let access = market::access(&chain, purchase, &receiving.public_key()).await?;
	let l = market::listing(&chain, access.listing).await?;
	// The content the grant's capsule belongs to: the dataset, or the purchased period.
	let sealed = encode_capsule(&access.capsule);
	let content = l.content.0.iter().find(|c| c.capsule.0 == sealed).ok_or_else(|| {
		anyhow!("the listing no longer offers the content of purchase {purchase}")
	})?;
	let (root, size) = (content.content_root, content.size);

	let holders = market::locate(&chain, root).await?;
	let providers = holders
		.iter()
		.map(|(_, endpoint)| ProviderClient::new(endpoint))
		.collect::<Result<Vec<_>>>()?;
	let part = cx.work_dir("downloads")?.join(format!("{purchase}.part"));
	let download_since = std::time::Instant::now();
	let bar = cx.bar(size, format!("download ({} replicas)", providers.len()));
	transfer::download(&providers, root, size, &part, |done| bar.set_position(done)).await?;
	bar.finish();

	let decrypt_since = std::time::Instant::now();
	let bar = cx.bar(size, "decrypting");
	let tmp = out.with_extension("cpchain-tmp");
	let written = {
		let mut input = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(&part)?);
		let mut output = std::io::BufWriter::with_capacity(
			1 << 20,
			std::fs::File::create(&tmp)
				.with_context(|| format!("cannot write {}", tmp.display()))?,
		);
		let opener = Opener::Buyer {
			receiving: &receiving,
			delegating: &access.delegating,
			cfrags: access.cfrags,
		};
		let written = dataset::open(&mut input, &access.capsule, opener, &mut output, |done| {
			bar.set_position(done)
		});
		let written = match written {
			Ok(written) => written,
			Err(e) => {
				let _ = std::fs::remove_file(&tmp);
				return Err(e);
			},
		};
		output.into_inner().map_err(|e| e.into_error())?.sync_all()?;
		written
	};
	std::fs::rename(&tmp, out)?;
	bar.finish();
	let _ = std::fs::remove_file(&part);
	cx.print(
		format!("purchase {purchase}: {written} bytes decrypted to {}", out.display()),
		json!({
			"purchase": purchase,
			"listing": access.listing,
			"bytes": written,
			"out": out.display().to_string(),
			"seconds": {
				"delivery": (download_since - waiting_since).as_secs_f64(),
				"download": (decrypt_since - download_since).as_secs_f64(),
				"decrypt": decrypt_since.elapsed().as_secs_f64(),
			},
		}),
	);
	Ok(())
}

/// Waits until the grant of `purchase` is fulfilled; fails if it ends otherwise.
async fn wait_fulfilled(chain: &Chain, purchase: u64, wait: Duration) -> Result<()> {
	use runtime::runtime_types::cpchain_primitives::market::GrantStatus;
	let deadline = tokio::time::Instant::now() + wait;
	loop {
		let at = chain.at().await?;
		let grant = at
			.runtime_apis()
			.call(runtime::runtime_apis().access_grants_api().grant(purchase))
			.await?
			.ok_or_else(|| anyhow!("no grant for purchase {purchase}"))?;
		match grant.status {
			GrantStatus::Fulfilled { .. } => return Ok(()),
			GrantStatus::Requested => {},
			GrantStatus::Revoked { .. } => {
				bail!("the seller revoked purchase {purchase}: `market refund {purchase}`")
			},
			GrantStatus::Expired { .. } => {
				bail!("purchase {purchase} expired undelivered: `market refund {purchase}`")
			},
		}
		if tokio::time::Instant::now() > deadline {
			bail!(
				"purchase {purchase} not delivered after {} s; `market buy --resume {purchase}` waits again",
				wait.as_secs()
			);
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}
