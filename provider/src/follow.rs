//! The provider's side of the chain: registration, accepting orders by policy, answering
//! challenges, settling ended orders. It follows finalized blocks; after a restart it first
//! answers the challenges still open for it.

use std::{
	collections::BTreeSet,
	sync::{Arc, Mutex},
};

use anyhow::{Context, Result};
use cpchain_client::account::Keypair;
use cpchain_client::{
	account::{account_id, format_amount},
	chain::{entries, runtime, AccountId32, Chain, Error as ChainError, H256},
};
use runtime::runtime_types::bounded_collections::bounded_vec::BoundedVec;

use crate::{metrics::Metrics, store::Store};

/// Which orders the provider takes.
#[derive(Clone, Debug)]
pub struct Policy {
	/// Least fee per byte and replica, in plancks, over the order's whole duration.
	pub min_fee_per_byte: u128,
	/// Largest content accepted, in bytes.
	pub max_order_size: u64,
}

impl Policy {
	/// Whether an order of `size` bytes paying `fee` for `replicas` copies is acceptable.
	pub fn accepts(&self, size: u64, replicas: u32, fee: u128) -> bool {
		let per_replica = fee / u128::from(replicas.max(1));
		size > 0
			&& size <= self.max_order_size
			&& per_replica >= self.min_fee_per_byte.saturating_mul(u128::from(size))
	}
}

/// The provider's chain-facing state.
pub struct Provider {
	pub chain: Chain,
	pub signer: Keypair,
	pub account: AccountId32,
	pub store: Arc<Store>,
	pub metrics: Arc<Metrics>,
	pub policy: Policy,
	/// Orders an `end_order` was sent for.
	ending: Mutex<BTreeSet<u64>>,
}

impl Provider {
	pub fn new(
		chain: Chain,
		signer: Keypair,
		store: Arc<Store>,
		metrics: Arc<Metrics>,
		policy: Policy,
	) -> Self {
		let account = account_id(&signer);
		Self { chain, signer, account, store, metrics, policy, ending: Default::default() }
	}

	/// Registers with `stake` at `endpoint` offering `capacity`, or brings an existing
	/// registration's capacity and endpoint up to date.
	pub async fn register(&self, stake: u128, capacity: u64, endpoint: &str) -> Result<String> {
		let at = self.chain.at().await?;
		let info = at
			.runtime_apis()
			.call(runtime::runtime_apis().storage_proofs_api().provider(self.account.clone()))
			.await?;
		let endpoint_bytes = BoundedVec(endpoint.as_bytes().to_vec());
		let tx = runtime::tx().storage_proofs();
		Ok(match info {
			None => {
				self.chain
					.submit(&tx.register_provider(stake, capacity, endpoint_bytes), &self.signer)
					.await?;
				format!("registered with {} staked", format_amount(stake))
			},
			Some(info) if info.capacity != capacity || info.endpoint.0 != endpoint.as_bytes() => {
				self.chain
					.submit(&tx.update_provider(capacity, endpoint_bytes), &self.signer)
					.await?;
				"registration updated".into()
			},
			Some(info) => format!("registered already, {} staked", format_amount(info.stake)),
		})
	}

	/// Answers the challenges open for this provider that it has not answered yet, and takes
	/// the open orders it missed.
	pub async fn catch_up(self: &Arc<Self>) -> Result<()> {
		let at = self.chain.at().await?;
		let open = at
			.runtime_apis()
			.call(
				runtime::runtime_apis().storage_proofs_api().open_challenges(self.account.clone()),
			)
			.await?;
		for (id, challenge) in open {
			if !self.store.answered(id)? {
				self.clone().answer(id, challenge.order, challenge.segment).await;
			}
		}
		// Orders placed while the provider was away that still want replicas.
		let now = at.block_number() as u32;
		let mut wanted = Vec::new();
		for ((id,), o) in entries(&at, runtime::storage().storage_proofs().orders()).await? {
			if o.filled < o.replicas
				&& o.ends_at > now
				&& self.store.order(id)?.is_none()
				&& self.policy.accepts(o.size, o.replicas, o.fee)
			{
				wanted.push((id, o.root, o.size, o.ends_at));
			}
		}
		for (id, root, size, ends_at) in wanted {
			self.clone().accept(id, root, size, ends_at).await;
		}
		Ok(())
	}

	/// Follows finalized blocks until the connection ends.
	pub async fn follow(self: Arc<Self>) -> Result<()> {
		let mut blocks = self.chain.api().stream_blocks().await.context("cannot follow blocks")?;
		while let Some(block) = blocks.next().await {
			let block = block.context("block stream")?;
			let number = block.number();
			let events = block.at().await?.events().fetch().await?;
			let me = &self.account;
			for event in events.iter() {
				let event = event?;
				use runtime::storage_proofs::events as ev;
				if let Some(Ok(e)) = event.decode_fields_as::<ev::OrderPlaced>() {
					if self.policy.accepts(e.size, e.replicas, e.fee) {
						tokio::spawn(self.clone().accept(e.order, e.root, e.size, e.ends_at));
					}
				} else if let Some(Ok(e)) = event.decode_fields_as::<ev::Challenged>() {
					if &e.provider == me {
						tokio::spawn(self.clone().answer(e.challenge, e.order, e.segment));
					}
				} else if let Some(Ok(e)) = event.decode_fields_as::<ev::OrderEnded>() {
					self.forget(e.order);
				} else if let Some(Ok(e)) = event.decode_fields_as::<ev::ReplicaReopened>() {
					if &e.provider == me {
						tracing::warn!(
							order = e.order,
							"evicted from the order after missed challenges"
						);
						self.forget(e.order);
					}
				}
			}
			self.settle_due(number as u32);
			self.metrics.block.set(number as i64);
		}
		anyhow::bail!("the node closed the block stream")
	}

	async fn accept(self: Arc<Self>, order: u64, root: H256, size: u64, ends_at: u32) {
		// Recorded before the acceptance is submitted: the client uploads as soon as it sees
		// the acceptance on chain, which can be before this submission returns.
		let known = matches!(self.store.order(order), Ok(Some(_)));
		if let Err(err) = self.store.add_order(order, root, size, ends_at) {
			return tracing::error!(order, "cannot record the order, not accepting it: {err}");
		}
		let call = runtime::tx().storage_proofs().accept_order(order);
		match self.chain.submit(&call, &self.signer).await {
			Ok(_) => {
				self.metrics.orders_accepted.inc();
				return tracing::info!(order, size, "accepted order");
			},
			Err(ChainError::Rejected { name, .. }) => {
				tracing::info!(order, "order not taken: {name}")
			},
			Err(err) => tracing::warn!(order, "cannot accept: {err}"),
		}
		if !known {
			if let Err(err) = self.store.remove_order(order) {
				tracing::error!(order, "cannot forget the order: {err}");
			}
		}
	}

	async fn answer(self: Arc<Self>, challenge: u64, order: u64, segment: u64) {
		let proof = match self.store.order(order) {
			Ok(Some(record)) if record.stored => {
				self.store.proof(&record.root, segment).map_err(|e| e.to_string())
			},
			Ok(_) => Err(format!("order {order} is not stored here")),
			Err(e) => Err(e.to_string()),
		};
		let (bytes, path) = match proof {
			Ok(proof) => proof,
			Err(reason) => {
				self.metrics.challenges_failed.inc();
				tracing::error!(challenge, order, segment, "cannot answer: {reason}");
				return;
			},
		};
		let call = runtime::tx().storage_proofs().submit_proof(
			challenge,
			BoundedVec(bytes),
			BoundedVec(path),
		);
		match self.chain.submit(&call, &self.signer).await {
			Ok(_) => {
				self.metrics.challenges_answered.inc();
				if let Err(e) = self.store.set_answered(challenge, order) {
					tracing::error!(challenge, "answered, but cannot record it: {e}");
				}
				tracing::info!(challenge, order, segment, "answered challenge");
			},
			Err(err) => {
				self.metrics.challenges_failed.inc();
				tracing::error!(challenge, order, segment, "proof refused: {err}");
			},
		}
	}

	fn forget(&self, order: u64) {
		if let Err(e) = self.store.remove_order(order) {
			tracing::error!(order, "cannot remove the order's content: {e}");
		}
		self.ending.lock().unwrap_or_else(|e| e.into_inner()).remove(&order);
	}

	/// Ends the orders this provider holds that are over, which pays it the rest of its fee.
	fn settle_due(self: &Arc<Self>, now: u32) {
		let Ok(orders) = self.store.orders() else { return };
		for (order, record) in orders {
			if record.ends_at > now
				|| !self.ending.lock().unwrap_or_else(|e| e.into_inner()).insert(order)
			{
				continue;
			}
			let provider = self.clone();
			tokio::spawn(async move {
				let call = runtime::tx().storage_proofs().end_order(order);
				match provider.chain.submit(&call, &provider.signer).await {
					Ok(_) => tracing::info!(order, "ended the order"),
					// Someone else ended it first, or it is gone: the OrderEnded event or
					// the next catch-up cleans up.
					Err(err) => tracing::info!(order, "end_order: {err}"),
				}
			});
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_policy_prices_each_replica() {
		let policy = Policy { min_fee_per_byte: 2, max_order_size: 1000 };
		assert!(policy.accepts(1000, 3, 6000));
		assert!(!policy.accepts(1000, 3, 5999));
		assert!(!policy.accepts(1001, 1, u128::MAX));
		assert!(!policy.accepts(0, 1, 10));
	}
}
