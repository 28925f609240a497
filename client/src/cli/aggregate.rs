//! `cpchain aggregate`: campaigns of encrypted readings summed on chain and decrypted by a
//! committee only as window totals.

use std::time::Duration;

use anyhow::{anyhow, bail, Result};
use clap::Subcommand;
use cpchain_client::{
	account::{self, format_amount, parse_amount},
	aggregate::{self, details, load_member, member_index, save_member, MemberFile, Phase},
	chain::runtime,
	device::{self, DeviceFile},
	keystore::Kind,
};
use cpchain_primitives::aggregates::{
	client::{decryption_share, encrypt_contribution, possession_proof, KeyMember},
	contribution_payload, public_key, MAX_VALUE,
};
use rand::rngs::OsRng;
use runtime::runtime_types::bounded_collections::bounded_vec::BoundedVec;
use serde_json::json;
use subxt::utils::Static;

use super::Context;

#[derive(Subcommand)]
pub enum Command {
	/// Create a campaign: devices of owners who join contribute encrypted values in
	/// `0..=max`, one per device and window; a committee decrypts only each window's sum.
	///
	/// The budget (and the storage deposit) is held; each accepted contribution pays the
	/// reward to the device's owner from it. The committee makes its key in the blocks before
	/// the first window (`cpchain aggregate keygen`, by every member).
	Create {
		/// The creator's account: keystore name or dev URI.
		#[arg(long)]
		account: String,
		/// What is measured, such as `harsh-braking-per-100km`.
		#[arg(long)]
		metric: String,
		/// Largest value a device may contribute (at most 262,143).
		#[arg(long)]
		max: u64,
		/// Blocks from now to the first window: the committee's time to make the key.
		#[arg(long, default_value = "20")]
		start_in: u32,
		/// Blocks per window.
		#[arg(long)]
		window: u32,
		/// Number of windows.
		#[arg(long, default_value = "1")]
		windows: u32,
		/// Paid per accepted contribution, in CPC.
		#[arg(long, default_value = "0")]
		reward: String,
		/// Budget in CPC: rewards and a small deposit per contributing device.
		#[arg(long)]
		budget: String,
		/// Committee members (SS58, keystore names or dev URIs), comma-separated.
		#[arg(long, value_delimiter = ',', required = true)]
		committee: Vec<String>,
		/// Members needed to decrypt a window [default: a majority].
		#[arg(long)]
		threshold: Option<u32>,
	},
	/// Join a campaign as a device owner: your active devices may then contribute.
	Join {
		/// The campaign.
		campaign: u64,
		/// The owner's account: keystore name or dev URI.
		#[arg(long)]
		account: String,
	},
	/// Take a committee member's part in making the campaign's key: commit, publish the
	/// polynomial and sealed shares, then prove the share key. Waits for the other members
	/// between the steps; run again to resume. The member's secrets stay in the keystore.
	Keygen {
		/// The campaign.
		campaign: u64,
		/// The member's account: keystore name or dev URI.
		#[arg(long)]
		account: String,
	},
	/// Encrypt a device's value for the campaign's key, prove it is in range, sign it with the
	/// device key and submit it for the open window.
	Contribute {
		/// The campaign.
		campaign: u64,
		/// The device's name in the keystore.
		#[arg(long)]
		device: String,
		/// The value, in `0..=max` of the campaign.
		#[arg(long)]
		value: u64,
		/// Submitting account (pays the fee): any; the reward goes to the device's owner.
		#[arg(long)]
		from: String,
	},
	/// Publish a committee member's decryption share of a window's sum, after the window.
	Share {
		/// The campaign.
		campaign: u64,
		/// The window.
		#[arg(long)]
		window: u32,
		/// The member's account: keystore name or dev URI.
		#[arg(long)]
		account: String,
	},
	/// Decrypt a window's total from the committee's shares and submit it; the chain accepts
	/// it only if it is what the window's sum decrypts to.
	Total {
		/// The campaign.
		campaign: u64,
		/// The window.
		#[arg(long)]
		window: u32,
		/// Submitting account: keystore name or dev URI.
		#[arg(long)]
		from: String,
	},
	/// Show a campaign: terms, committee, key, the open window and the results.
	Show {
		/// The campaign.
		campaign: u64,
	},
}

pub async fn run(command: Command, cx: &Context) -> Result<()> {
	match command {
		Command::Create {
			account,
			metric,
			max,
			start_in,
			window,
			windows,
			reward,
			budget,
			committee,
			threshold,
		} => {
			if max == 0 || max > MAX_VALUE {
				bail!("--max must be in 1..={MAX_VALUE}");
			}
			let signer = account::signer(&cx.keystore, &account)?;
			let committee = committee
				.iter()
				.map(|who| account::resolve(&cx.keystore, who))
				.collect::<Result<Vec<_>>>()?;
			let threshold = threshold.unwrap_or(committee.len() as u32 / 2 + 1);
			let (reward, budget) = (parse_amount(&reward)?, parse_amount(&budget)?);
			let chain = cx.chain().await?;
			let start = chain.at().await?.block_number() as u32 + start_in;
			let call = runtime::tx().aggregates().create_campaign(
				BoundedVec(metric.clone().into_bytes()),
				max,
				start,
				window,
				windows,
				reward,
				budget,
				BoundedVec(committee.clone()),
				threshold,
			);
			let events = chain.submit(&call, &signer).await?;
			let created = cpchain_client::chain::event::<
				runtime::aggregates::events::CampaignCreated,
			>(&events)?;
			cx.print(
				format!(
					"campaign {}: {metric} in 0..={max}, {windows} window(s) of {window} blocks from block {start}; {threshold} of {} members decrypt; budget {} held",
					created.campaign,
					committee.len(),
					format_amount(budget)
				),
				json!({ "campaign": created.campaign, "start": start, "threshold": threshold }),
			);
		},
		Command::Join { campaign, account } => {
			let signer = account::signer(&cx.keystore, &account)?;
			let chain = cx.chain().await?;
			chain.submit(&runtime::tx().aggregates().join(campaign), &signer).await?;
			cx.print(
				format!("{} joined campaign {campaign}", account::account_id(&signer)),
				json!({ "campaign": campaign, "owner": account::account_id(&signer).to_string() }),
			);
		},
		Command::Keygen { campaign, account } => keygen(cx, campaign, &account).await?,
		Command::Contribute { campaign, device: name, value, from } => {
			let file: DeviceFile = cx.keystore.load(Kind::Device, &name)?;
			let (pair, id) = (device::pair(&file)?, device::stored_id(&file, &name)?);
			let submitter = account::signer(&cx.keystore, &from)?;
			let chain = cx.chain().await?;
			let d = details(&chain, campaign).await?;
			let c = &d.campaign;
			if value > c.max_value {
				bail!("{value} is above the campaign's maximum {}", c.max_value);
			}
			let window = d.open_window.ok_or_else(|| {
				anyhow!(
					"campaign {campaign} has no window open now (first window at block {})",
					c.start
				)
			})?;
			let key = c.key.ok_or_else(|| anyhow!("campaign {campaign} has no key yet"))?;
			let key =
				public_key(&key).map_err(|_| anyhow!("the campaign's key does not decode"))?;
			let (ciphertext, proof) =
				encrypt_contribution(&key, c.max_value, campaign, window, &id, value, &mut OsRng);
			let payload =
				contribution_payload(&chain.genesis_hash(), campaign, window, &id, &ciphertext);
			let call = runtime::tx().aggregates().contribute(
				campaign,
				window,
				id,
				ciphertext,
				BoundedVec(proof),
				Some(Static(pair.sign(&payload))),
			);
			chain.submit(&call, &submitter).await?;
			cx.print(
				format!("`{name}` contributed to window {window} of campaign {campaign}"),
				json!({ "campaign": campaign, "window": window, "device": format!("{id:?}") }),
			);
		},
		Command::Share { campaign, window, account } => {
			let signer = account::signer(&cx.keystore, &account)?;
			let me = account::account_id(&signer);
			let chain = cx.chain().await?;
			let d = details(&chain, campaign).await?;
			let file = load_member(&cx.keystore, campaign, &me)?
				.ok_or_else(|| anyhow!("no key material of {me} for campaign {campaign}"))?;
			let active = file.active(&d.campaign)?;
			let state = aggregate::window(&chain, campaign, window)
				.await?
				.ok_or_else(|| anyhow!("window {window} has no contributions"))?;
			let (share, proof) = decryption_share(&active, &state.sum, &mut OsRng)
				.ok_or_else(|| anyhow!("the window's sum does not decode"))?;
			chain
				.submit(
					&runtime::tx().aggregates().submit_share(campaign, window, share, proof),
					&signer,
				)
				.await?;
			cx.print(
				format!("member {} shared window {window} of campaign {campaign}", file.index),
				json!({ "campaign": campaign, "window": window, "member": file.index }),
			);
		},
		Command::Total { campaign, window, from } => {
			let signer = account::signer(&cx.keystore, &from)?;
			let chain = cx.chain().await?;
			let d = details(&chain, campaign).await?;
			let state = aggregate::window(&chain, campaign, window)
				.await?
				.ok_or_else(|| anyhow!("window {window} has no contributions"))?;
			let total = aggregate::window_total(&d.campaign, &state)?;
			chain
				.submit(&runtime::tx().aggregates().submit_total(campaign, window, total), &signer)
				.await?;
			let mean = total as f64 / f64::from(state.count);
			cx.print(
				format!("window {window}: total {total} over {} contributions, mean {mean:.3}", state.count),
				json!({ "campaign": campaign, "window": window, "total": total, "count": state.count, "mean": mean }),
			);
		},
		Command::Show { campaign } => {
			let chain = cx.chain().await?;
			let d = details(&chain, campaign).await?;
			let results = chain
				.at()
				.await?
				.runtime_apis()
				.call(runtime::runtime_apis().aggregates_api().results(campaign))
				.await?;
			let c = &d.campaign;
			let members: Vec<_> = c
				.members
				.0
				.iter()
				.map(|m| json!({ "account": m.account.to_string(), "bond": m.bond.to_string(), "strikes": m.strikes }))
				.collect();
			let lines: Vec<_> = results
				.iter()
				.map(|r| {
					format!(
						"  window {}: total {} over {} contributions, mean {:.3}",
						r.window,
						r.total,
						r.count,
						r.total as f64 / f64::from(r.count.max(1))
					)
				})
				.collect();
			cx.print(
				format!(
					"campaign {campaign}: {} in 0..={}, {:?}\n  creator {}\n  windows {} of {} blocks from block {} (open: {})\n  reward {}, budget left {}\n  committee {} (threshold {}), key {}\n{}",
					String::from_utf8_lossy(&c.metric.0),
					c.max_value,
					c.phase,
					c.creator,
					c.windows,
					c.window_length,
					c.start,
					d.open_window.map_or("none".into(), |w| w.to_string()),
					format_amount(c.reward),
					format_amount(c.budget),
					c.members.0.len(),
					c.threshold,
					c.key.map_or("not made yet".into(), |k| format!("0x{}", hex::encode(k))),
					if lines.is_empty() { "  no results yet".to_string() } else { lines.join("\n") },
				),
				json!({
					"campaign": campaign,
					"metric": String::from_utf8_lossy(&c.metric.0),
					"max_value": c.max_value,
					"phase": format!("{:?}", c.phase),
					"start": c.start,
					"window_length": c.window_length,
					"windows": c.windows,
					"open_window": d.open_window,
					"key": c.key.map(|k| format!("0x{}", hex::encode(k))),
					"members": members,
					"threshold": c.threshold,
					"results": results.iter().map(|r| json!({ "window": r.window, "total": r.total, "count": r.count })).collect::<Vec<_>>(),
				}),
			);
		},
	}
	Ok(())
}

/// Runs a member through the key generation, one step per phase, waiting for the others.
async fn keygen(cx: &Context, campaign: u64, account: &str) -> Result<()> {
	let signer = account::signer(&cx.keystore, account)?;
	let me = account::account_id(&signer);
	let chain = cx.chain().await?;
	let spinner = cx.spinner(format!("campaign {campaign}: key generation"));
	loop {
		let d = details(&chain, campaign).await?;
		let c = &d.campaign;
		let index = member_index(c, &me)?;
		let mut file = match load_member(&cx.keystore, campaign, &me)? {
			Some(file) => file,
			None => {
				let member = KeyMember::new(aggregate::scheme(c)?, index, &mut OsRng);
				let file = MemberFile {
					campaign,
					index,
					member: hex::encode(member.to_bytes()),
					secret: None,
				};
				// Kept before it is used: a commitment without its polynomial cannot go on.
				save_member(&cx.keystore, &me, &file)?;
				file
			},
		};
		let member = file.key_member()?;
		let state = &c.members.0[index as usize];
		let now = chain.at().await?.block_number() as u32;
		let done = match c.phase {
			Phase::Commitments if state.commitment.is_none() => {
				spinner.set_message("committing to the key share");
				let call = runtime::tx().aggregates().commit_key(
					campaign,
					member.commitment(),
					member.transport_key(),
				);
				chain.submit(&call, &signer).await?;
				false
			},
			Phase::Polynomials if !state.published => {
				spinner.set_message("publishing the polynomial and sealed shares");
				let transport = c
					.members
					.0
					.iter()
					.map(|m| m.transport_key.ok_or_else(|| anyhow!("a transport key is missing")))
					.collect::<Result<Vec<_>>>()?;
				let p = member
					.publication(campaign, &transport)
					.ok_or_else(|| anyhow!("a member's transport key does not decode"))?;
				let call = runtime::tx().aggregates().publish_key(
					campaign,
					BoundedVec(p.polynomial),
					p.opening,
					BoundedVec(p.proof),
					BoundedVec(p.sealed),
				);
				chain.submit(&call, &signer).await?;
				false
			},
			Phase::Confirmations if !state.confirmed => {
				spinner.set_message("checking the shares received, proving the share key");
				let transport: Vec<_> =
					c.members.0.iter().map(|m| m.transport_key.unwrap_or_default()).collect();
				let mut published = d.published.clone();
				published.sort_by_key(|(i, _)| *i);
				let published: Vec<_> =
					published.into_iter().map(|(_, (p, s))| (p.0, s.0)).collect();
				let activated = member.activate(
					aggregate::scheme(c)?,
					campaign,
					&transport,
					&published,
					&aggregate::share_keys(c)?,
				);
				let active = match activated {
					Ok(active) => active,
					Err(dealer) if dealer != index => {
						// A wrong share: prove it, which slashes its dealer and cancels the
						// campaign (a key without our share would be no key at all).
						spinner.set_message(format!("complaining about member {dealer}'s share"));
						let (dh, proof) = member
							.complaint(campaign, dealer, &transport[dealer as usize], &mut OsRng)
							.ok_or_else(|| {
								anyhow!("member {dealer}'s transport key does not decode")
							})?;
						let call = runtime::tx().aggregates().complain(campaign, dealer, dh, proof);
						chain.submit(&call, &signer).await?;
						bail!(
							"member {dealer} sealed us a share that does not match its polynomial: \
							 the chain upheld our complaint, slashed it and cancelled campaign {campaign}"
						)
					},
					Err(_) => bail!("our share key does not match the committee's keys"),
				};
				file.set_active(&active);
				save_member(&cx.keystore, &me, &file)?;
				let call = runtime::tx()
					.aggregates()
					.confirm_key(campaign, BoundedVec(possession_proof(&active, &mut OsRng)));
				chain.submit(&call, &signer).await?;
				false
			},
			Phase::Active => true,
			Phase::Cancelled | Phase::Finished => {
				bail!("campaign {campaign} is over ({:?})", c.phase)
			},
			_ if now >= c.start => {
				bail!("the key generation did not finish before block {}", c.start)
			},
			_ => {
				spinner.set_message(format!("waiting for the other members ({:?})", c.phase));
				tokio::time::sleep(Duration::from_secs(2)).await;
				false
			},
		};
		if done {
			spinner.finish_and_clear();
			let key = format!("0x{}", hex::encode(c.key.unwrap_or_default()));
			cx.print(
				format!("campaign {campaign} is active: member {index} holds a share of key {key}"),
				json!({ "campaign": campaign, "member": index, "key": key }),
			);
			return Ok(());
		}
	}
}
