//! `cpchain agent`: the seller's agent.

use std::{collections::BTreeMap, sync::Arc};

use anyhow::{Context as _, Result};
use clap::Subcommand;
use cpchain_client::{
	account,
	chain::{entries, runtime, AccountId32, Chain},
	keystore::Keystore,
	market::{self, Fulfilment, GrantRequest, ListingKeys},
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
	///
	/// For a listing with a delegation (`data delegate`) it hands each proxy its own key
	/// fragment instead, encrypted to the proxy, and the proxies submit; it makes the fragments
	/// of unreachable proxies itself.
	Run {
		/// The selling account: keystore name or dev URI.
		#[arg(long)]
		account: String,
		/// Where a proxy of your delegations listens: `ACCOUNT=URL` (account as SS58, keystore
		/// name or dev URI); repeat for each proxy.
		#[arg(long = "proxy")]
		proxies: Vec<String>,
	},
}

pub async fn run(command: Command, cx: &Context) -> Result<()> {
	let Command::Run { account: who, proxies } = command;
	let signer = account::signer(&cx.keystore, &who)?;
	let me = account::account_id(&signer);
	let mut endpoints = BTreeMap::new();
	for proxy in proxies {
		let (account, url) = proxy
			.split_once('=')
			.with_context(|| format!("--proxy `{proxy}` is not ACCOUNT=URL"))?;
		endpoints.insert(account::resolve(&cx.keystore, account)?, url.to_string());
	}
	let chain = cx.chain().await?;
	let agent = Arc::new(Agent { chain, signer, me, keystore: cx.keystore.clone(), endpoints });
	eprintln!("agent for {}: answering purchases", agent.me);
	agent.catch_up().await?;
	agent.follow().await
}

struct Agent {
	chain: Chain,
	signer: Keypair,
	me: AccountId32,
	keystore: Keystore,
	endpoints: BTreeMap<AccountId32, String>,
}

impl Agent {
	/// Answers the grants of this seller that are still waiting.
	async fn catch_up(self: &Arc<Self>) -> Result<()> {
		let at = self.chain.at().await?;
		let mut open = Vec::new();
		for ((id,), grant) in entries(&at, runtime::storage().access_grants().grants()).await? {
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
			Ok(Some(done)) => eprintln!(
				"grant {grant} (listing {}): fragments submitted, {} by proxies and {} by the seller",
				request.listing, done.by_proxies, done.by_seller
			),
			Ok(None) => {},
			Err(e) => eprintln!("grant {grant} (listing {}): {e:#}", request.listing),
		}
	}

	/// Answers a grant unless it is answered already.
	async fn answer(&self, request: &GrantRequest) -> Result<Option<Fulfilment>> {
		let keys = ListingKeys::of_listing(&self.keystore, request.listing)?
			.with_context(|| format!("no keys for listing {} in this keystore", request.listing))?;
		let at = self.chain.at().await?;
		let details = at
			.runtime_apis()
			.call(runtime::runtime_apis().access_grants_api().grant(request.grant))
			.await?;
		let Some(details) = details else { return Ok(None) };
		let waiting = details.fragments == 0
			&& matches!(
				details.status,
				runtime::runtime_types::cpchain_primitives::market::GrantStatus::Requested
			);
		if !waiting {
			return Ok(None);
		}
		let capsule = decode_capsule(&details.sealed.capsule.0)
			.with_context(|| format!("grant {}: malformed capsule on chain", request.grant))?;
		let (delegated, _) = at
			.runtime_apis()
			.call(runtime::runtime_apis().access_grants_api().delegation(request.listing))
			.await?;
		let proxies: Vec<_> = delegated
			.into_iter()
			.map(|proxy| {
				let endpoint = self.endpoints.get(&proxy).cloned();
				(proxy, endpoint)
			})
			.collect();
		let done =
			market::fulfil(&self.chain, &self.signer, &keys, &capsule, request, &proxies).await?;
		Ok(Some(done))
	}
}
