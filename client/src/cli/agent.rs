//! `cpchain agent`: the seller's agent.

use std::sync::Arc;

use anyhow::{Context as _, Result};
use clap::Subcommand;
use cpchain_client::{
	account,
	chain::{runtime, AccountId32, Chain},
	keystore::Keystore,
	market::{self, GrantRequest, ListingKeys},
};
use cpchain_primitives::pre::decode_capsule;
use subxt_signer::sr25519::Keypair;

use super::Context;

#[derive(Subcommand)]
pub enum Command {
	/// Answer every purchase of your listings until stopped.
	///
	/// Follows finalized blocks. For each grant requested for one of your listings it makes
	/// key fragments of the listing's capsule for the buyer's key, and submits them; the chain
	/// verifies them and releases the escrow to you. On start it first answers the grants
	/// still open, so it catches up after downtime; it checks each grant on chain before
	/// answering, so it never submits twice.
	Run {
		/// The selling account: keystore name or dev URI.
		#[arg(long)]
		account: String,
	},
}

pub async fn run(command: Command, cx: &Context) -> Result<()> {
	let Command::Run { account: who } = command;
	let signer = account::signer(&cx.keystore, &who)?;
	let me = account::account_id(&signer);
	let chain = cx.chain().await?;
	let agent = Arc::new(Agent { chain, signer, me, keystore: cx.keystore.clone() });
	eprintln!("agent for {}: answering purchases", agent.me);
	agent.catch_up().await?;
	agent.follow().await
}

struct Agent {
	chain: Chain,
	signer: Keypair,
	me: AccountId32,
	keystore: Keystore,
}

impl Agent {
	/// Answers the grants of this seller that are still waiting.
	async fn catch_up(self: &Arc<Self>) -> Result<()> {
		let at = self.chain.at().await?;
		let entry = at.storage().entry(runtime::storage().access_grants().grants())?;
		let mut iter = entry.iter(()).await?;
		let mut open = Vec::new();
		while let Some(kv) = iter.next().await {
			let kv = kv?;
			let grant = kv.value().decode()?;
			let (id,) = kv.key()?.decode()?;
			if grant.grantor == self.me
				&& matches!(
					grant.status,
					runtime::runtime_types::cpchain_primitives::market::GrantStatus::Requested
				) {
				open.push(GrantRequest {
					grant: id,
					listing: grant.listing,
					grantee_key: grant.grantee_key,
					threshold: grant.threshold,
				});
			}
		}
		for request in open {
			self.clone().handle(request).await;
		}
		Ok(())
	}

	/// Follows finalized blocks until the connection ends.
	async fn follow(self: Arc<Self>) -> Result<()> {
		let mut blocks = self.chain.api().stream_blocks().await.context("cannot follow blocks")?;
		while let Some(block) = blocks.next().await {
			let block = block.context("block stream")?;
			let events = block.at().await?.events().fetch().await?;
			for requested in events.find::<runtime::access_grants::events::GrantRequested>() {
				let e = requested?;
				if e.grantor == self.me {
					let request = GrantRequest {
						grant: e.grant,
						listing: e.listing,
						grantee_key: e.grantee_key,
						threshold: e.threshold,
					};
					tokio::spawn(self.clone().handle(request));
				}
			}
		}
		anyhow::bail!("the node closed the block stream")
	}

	async fn handle(self: Arc<Self>, request: GrantRequest) {
		let grant = request.grant;
		match self.answer(&request).await {
			Ok(true) => {
				eprintln!("grant {grant} (listing {}): fragments submitted", request.listing)
			},
			Ok(false) => {},
			Err(e) => eprintln!("grant {grant} (listing {}): {e:#}", request.listing),
		}
	}

	/// Answers a grant unless it is answered already. Returns whether it submitted.
	async fn answer(&self, request: &GrantRequest) -> Result<bool> {
		let keys = ListingKeys::of_listing(&self.keystore, request.listing)?
			.with_context(|| format!("no keys for listing {} in this keystore", request.listing))?;
		let at = self.chain.at().await?;
		let details = at
			.runtime_apis()
			.call(runtime::runtime_apis().access_grants_api().grant(request.grant))
			.await?;
		let Some(details) = details else { return Ok(false) };
		let waiting = details.fragments == 0
			&& matches!(
				details.status,
				runtime::runtime_types::cpchain_primitives::market::GrantStatus::Requested
			);
		if !waiting {
			return Ok(false);
		}
		let capsule = decode_capsule(&details.sealed.capsule.0)
			.with_context(|| format!("grant {}: malformed capsule on chain", request.grant))?;
		market::fulfil(&self.chain, &self.signer, &keys, &capsule, request).await?;
		Ok(true)
	}
}
