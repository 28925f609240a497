//! # Storage proofs
//!
//! Encrypted data lives off chain with storage providers; this pallet lets the chain know,
//! without trusting anyone, that they still hold it.
//!
//! * **Providers** register with a stake, a capacity and an endpoint. The stake is held: it
//!   must cover `CollateralPerSegment` for every segment the provider keeps (and be at least
//!   `MinProviderStake`), and slashes take from it. Leaving takes an unbonding period.
//! * **Orders**: a data owner places an order for content (its segment-tree root, size and
//!   segment count, see [`cpchain_primitives::storage`]) with a replica count, a duration and
//!   a fee of at least `MinFeePerSegmentPeriod` per segment, replica and challenge period,
//!   which is held. Providers accept the order up to the replica count, committing capacity
//!   in whole segments. Each replica earns `fee / replicas` over the order's duration, pro rata
//!   to the time it held the data; payments are made when it proves storage and when the
//!   order ends. Whatever was not earned goes back to the owner, who may also end the order
//!   early. A provider may leave one replica early for `LeavePenalty` of its collateral.
//! * **Challenges**: at the start of every `ChallengePeriod` the chain draws, from the relay
//!   chain's randomness, which replicas must prove a segment, and which segment. Every replica
//!   is challenged each period while there are at most `MaxChallengesPerPeriod`; beyond that
//!   that many are drawn without replacement, each with a chance in proportion to its segments
//!   (the bytes at risk), so that many small orders cannot crowd out large ones. A draw that
//!   lands on an order that is over takes that replica out of later draws and is drawn again.
//!   A challenge's window is `ResponseWindow` blocks plus one block per
//!   `ResponseBytesPerBlock` bytes of content (a provider may have to re-hash the whole content
//!   to build a path), and never reaches past the period.
//! * **Proofs**: [`Pallet::submit_proof`] carries the segment and its Merkle path; the chain
//!   checks both against the order's root at the challenged index. A proof that fails is
//!   refused and changes nothing: the provider may still send a valid one within the window.
//! * **Misses**: when the next period starts, every unanswered challenge is a strike on that
//!   replica and `SlashFraction` of the replica's collateral is slashed: `SlashToOwner` of it
//!   goes to the order's owner, the rest to the runtime's `Slash` handler. A missed round costs
//!   at most `SlashFraction` of the collateral of what the provider keeps, however many
//!   replicas that is. At `MaxStrikes` strikes the provider is removed from the order and the
//!   replica is open to other providers again.
//!
//! All money moves through holds, transfers of held funds and slashes that `Slash` receives:
//! with a `Slash` that deposits to an account, total issuance never changes.
//! Per-block work is bounded by `MaxChallengesPerPeriod` and benchmarked. Reads go through the
//! [`runtime_api::StorageProofsApi`] runtime API.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod dispatchable_impls;
pub mod migrations;
pub mod runtime_api;
mod tick_impls;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", feature = "std"))]
mod try_state;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{hold::Balanced, Credit, Inspect, Mutate, MutateHold},
			Consideration, Footprint, OnUnbalanced, Randomness,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::{traits::BlockNumberProvider, Perbill};

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Currency stakes, fees and deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Balanced<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Source of the challenge seed. In CPChain it is the relay chain's BABE randomness
		/// read from the relay state proof; never a collator-controlled value in production.
		type Randomness: Randomness<H256, BlockNumberFor<Self>>;

		/// Smallest stake a provider must hold to register and to accept orders.
		#[pallet::constant]
		type MinProviderStake: Get<BalanceOf<Self>>;

		/// Stake a provider must hold for each segment it keeps: what its misses are slashed
		/// from, so that committing storage costs stake in proportion.
		#[pallet::constant]
		type CollateralPerSegment: Get<BalanceOf<Self>>;

		/// Least fee an order pays for each segment, replica and challenge period it lasts.
		#[pallet::constant]
		type MinFeePerSegmentPeriod: Get<BalanceOf<Self>>;

		/// Deposit an order takes from its owner until it ends, for a footprint of one record
		/// of an order's largest encoded size.
		type OrderDeposit: Consideration<Self::AccountId, Footprint>;

		/// Most replicas an order may ask for.
		#[pallet::constant]
		type MaxReplicas: Get<u32>;

		/// Longest order, in blocks.
		#[pallet::constant]
		type MaxOrderDuration: Get<BlockNumberFor<Self>>;

		/// Blocks between two rounds of challenges.
		#[pallet::constant]
		type ChallengePeriod: Get<BlockNumberFor<Self>>;

		/// Most challenges issued per round.
		#[pallet::constant]
		type MaxChallengesPerPeriod: Get<u32>;

		/// Blocks every challenge has to be answered, whatever the content size.
		#[pallet::constant]
		type ResponseWindow: Get<BlockNumberFor<Self>>;

		/// Content bytes that earn a challenge one more block to be answered.
		#[pallet::constant]
		type ResponseBytesPerBlock: Get<u64>;

		/// Part of a replica's collateral slashed for each missed challenge.
		#[pallet::constant]
		type SlashFraction: Get<Perbill>;

		/// Part of a replica's collateral a provider forfeits when it leaves the replica
		/// before the order ends.
		#[pallet::constant]
		type LeavePenalty: Get<Perbill>;

		/// Part of a slash or penalty that goes to the order's owner; the rest goes to `Slash`.
		#[pallet::constant]
		type SlashToOwner: Get<Perbill>;

		/// Receives what is slashed and not given to the order's owner.
		type Slash: OnUnbalanced<Credit<Self::AccountId, Self::Currency>>;

		/// Strikes on one order after which the provider is removed from it.
		#[pallet::constant]
		type MaxStrikes: Get<u32>;

		/// Blocks (of `UnbondingClock`) between unregistering and withdrawing the stake.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// The clock of the unbonding period: in CPChain the relay chain's block number, as for
		/// the re-encryption proxies' stakes, so that a week stays a week when parachain block
		/// times change. Orders and challenge rounds count this chain's blocks, in which the
		/// rounds that check them are held.
		type UnbondingClock: BlockNumberProvider<BlockNumber = BlockNumberFor<Self>>;

		/// Weights of this pallet's calls and hooks, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A provider's stake.
		ProviderStake,
		/// The unpaid part of the fees of an account's orders.
		OrderFee,
		/// Storage deposit of an order, in a runtime that takes it as a hold
		/// (`HoldConsideration`).
		OrderDeposit,
	}

	/// Registered providers.
	#[pallet::storage]
	pub type Providers<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		ProviderInfo<BalanceOf<T>, BlockNumberFor<T>>,
	>;

	/// Id the next order gets.
	#[pallet::storage]
	pub type NextOrderId<T: Config> = StorageValue<_, OrderId, ValueQuery>;

	/// Orders that have not ended.
	#[pallet::storage]
	pub type Orders<T: Config> = StorageMap<_, Twox64Concat, OrderId, StorageOrder<T>>;

	/// Orders of each owner.
	#[pallet::storage]
	pub type OrdersOf<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, OrderId, ()>;

	/// The providers holding each order.
	#[pallet::storage]
	pub type Replicas<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		OrderId,
		Blake2_128Concat,
		T::AccountId,
		Replica<BlockNumberFor<T>>,
	>;

	/// Every replica in a dense list that challenges are drawn from:
	/// `ReplicaAt[0..ReplicaCount]`.
	#[pallet::storage]
	pub type ReplicaAt<T: Config> = StorageMap<_, Twox64Concat, u32, (OrderId, T::AccountId)>;

	/// Length of the `ReplicaAt` list.
	#[pallet::storage]
	pub type ReplicaCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Sums of the replicas' draw weights (`Replica::weight`) over ranges of `ReplicaAt`, a
	/// Fenwick tree ([`cpchain_pallet_support::weighted`]).
	#[pallet::storage]
	pub type DrawWeights<T: Config> = StorageMap<_, Twox64Concat, u32, u64, ValueQuery>;

	/// Id the next challenge gets.
	#[pallet::storage]
	pub type NextChallengeId<T: Config> = StorageValue<_, ChallengeId, ValueQuery>;

	/// Unanswered challenges of the current round.
	#[pallet::storage]
	pub type Challenges<T: Config> = StorageMap<_, Twox64Concat, ChallengeId, ChallengeOf<T>>;

	/// The open challenge of a replica, if any.
	#[pallet::storage]
	pub type OpenChallenge<T: Config> =
		StorageDoubleMap<_, Twox64Concat, OrderId, Blake2_128Concat, T::AccountId, ChallengeId>;

	/// Challenges issued at the start of the current period; those still in `Challenges`
	/// when the next period starts are missed.
	#[pallet::storage]
	pub type Round<T: Config> =
		StorageValue<_, BoundedVec<ChallengeId, T::MaxChallengesPerPeriod>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A provider registered with `stake` held.
		ProviderRegistered {
			provider: T::AccountId,
			stake: BalanceOf<T>,
			capacity: u64,
			endpoint: Endpoint,
		},
		/// A provider changed its capacity or endpoint.
		ProviderUpdated { provider: T::AccountId, capacity: u64, endpoint: Endpoint },
		/// A provider added to its stake; `stake` is the new total.
		StakeBonded { provider: T::AccountId, stake: BalanceOf<T> },
		/// A provider stopped taking orders; its stake unbonds at `unbonds_at`.
		ProviderLeaving { provider: T::AccountId, unbonds_at: BlockNumberFor<T> },
		/// A provider left and its remaining stake was released.
		ProviderRemoved { provider: T::AccountId, stake: BalanceOf<T> },
		/// An order was placed and its fee held.
		OrderPlaced {
			order: OrderId,
			owner: T::AccountId,
			root: H256,
			size: u64,
			replicas: u32,
			fee: BalanceOf<T>,
			ends_at: BlockNumberFor<T>,
		},
		/// A provider took a replica of an order.
		OrderAccepted { order: OrderId, provider: T::AccountId },
		/// An order ended: providers were paid up to its end (or now, if ended early) and
		/// `refund` went back to the owner.
		OrderEnded { order: OrderId, refund: BalanceOf<T>, early: bool },
		/// A provider was paid `amount` of an order's fee.
		ProviderPaid { order: OrderId, provider: T::AccountId, amount: BalanceOf<T> },
		/// A provider must prove it holds segment `segment` of `order` by `deadline`.
		Challenged {
			challenge: ChallengeId,
			order: OrderId,
			provider: T::AccountId,
			segment: u64,
			deadline: BlockNumberFor<T>,
		},
		/// A challenge was answered with a valid proof.
		ProofAccepted { challenge: ChallengeId, order: OrderId, provider: T::AccountId },
		/// A challenge went unanswered: a strike, and `slashed` of the provider's stake,
		/// `SlashToOwner` of it to the order's owner.
		ChallengeMissed {
			challenge: ChallengeId,
			order: OrderId,
			provider: T::AccountId,
			slashed: BalanceOf<T>,
			strikes: u32,
		},
		/// After `MaxStrikes` strikes the provider was removed from the order; its replica is
		/// open to other providers.
		ReplicaReopened { order: OrderId, provider: T::AccountId },
		/// A provider left a replica before the order ended, paid up to now, and forfeited
		/// `penalty` of its stake (`SlashToOwner` of it to the order's owner); the replica is
		/// open to other providers.
		ReplicaLeft { order: OrderId, provider: T::AccountId, penalty: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a provider.
		AlreadyProvider,
		/// The account is not a provider.
		UnknownProvider,
		/// The stake is below `MinProviderStake`.
		StakeTooLow,
		/// The stake would not cover `CollateralPerSegment` for every segment the provider
		/// keeps: bond more first.
		InsufficientCollateral,
		/// The account cannot pay the stake, fee or deposit.
		InsufficientBalance,
		/// The capacity is smaller than what the provider has already committed.
		CapacityBelowUsed,
		/// The provider is leaving and takes no new orders.
		ProviderLeaving,
		/// The provider is not leaving.
		NotLeaving,
		/// The unbonding period is not over.
		UnbondingNotOver,
		/// The provider still holds replicas.
		ProviderHasReplicas,
		/// An order needs at least one replica.
		ZeroReplicas,
		/// More replicas than `MaxReplicas`.
		TooManyReplicas,
		/// An order must last at least one block.
		ZeroDuration,
		/// The duration is longer than `MaxOrderDuration`.
		DurationTooLong,
		/// The content is empty.
		EmptyContent,
		/// The content is larger than the deepest tree the chain verifies (1 PiB).
		ContentTooLarge,
		/// The segment count is not `segment_count(size)`.
		SegmentCountMismatch,
		/// The fee is below `MinFeePerSegmentPeriod` for every segment, replica and challenge
		/// period (see the runtime API's `min_fee`).
		FeeTooLow,
		/// No order with this id.
		UnknownOrder,
		/// The order has ended.
		OrderEnded,
		/// The order has as many providers as it asked for.
		OrderFull,
		/// The provider already holds this order.
		AlreadyAccepted,
		/// The caller holds no replica of this order.
		NotReplica,
		/// The replica has an open challenge: answer it (or let it be missed) before leaving.
		ReplicaChallenged,
		/// The provider has no room left for the content.
		InsufficientCapacity,
		/// Only the owner may end an order before it is over.
		OrderNotOver,
		/// No open challenge with this id.
		UnknownChallenge,
		/// The challenge is addressed to another provider.
		NotChallenged,
		/// The challenge's window has closed.
		ChallengeExpired,
		/// The segment is not as long as the challenged segment of this content.
		WrongSegmentLength,
		/// The Merkle path is shorter or longer than the content's tree is deep.
		WrongPathLength,
		/// The segment and path do not hash to the order's root at the challenged index.
		InvalidProof,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::do_tick(now)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			let period = T::ChallengePeriod::get();
			assert!(!period.is_zero(), "ChallengePeriod must not be zero");
			assert!(
				T::ResponseWindow::get() < period,
				"a challenge must be answerable before the next round starts"
			);
			assert!(T::ResponseBytesPerBlock::get() > 0, "ResponseBytesPerBlock must not be zero");
			assert!(T::MaxReplicas::get() > 0, "MaxReplicas must not be zero");
			assert!(T::MaxStrikes::get() > 0, "MaxStrikes must not be zero");
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register the caller as a storage provider offering `capacity` bytes at `endpoint`.
		/// Holds `stake`, at least `MinProviderStake`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_provider())]
		pub fn register_provider(
			origin: OriginFor<T>,
			stake: BalanceOf<T>,
			capacity: u64,
			endpoint: Endpoint,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_register_provider(provider, stake, capacity, endpoint)
		}

		/// Change the caller's capacity (not below what it has committed) and endpoint.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_provider())]
		pub fn update_provider(
			origin: OriginFor<T>,
			capacity: u64,
			endpoint: Endpoint,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_update_provider(provider, capacity, endpoint)
		}

		/// Hold `amount` more as the caller's stake, e.g. to get back above
		/// `MinProviderStake` after a slash.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::bond_extra())]
		pub fn bond_extra(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_bond_extra(provider, amount)
		}

		/// Stop taking orders and start the unbonding period. Replicas already held must still
		/// be proved until their orders end.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::unregister_provider())]
		pub fn unregister_provider(origin: OriginFor<T>) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_unregister_provider(provider)
		}

		/// Release the stake of a provider whose unbonding period is over and who holds no
		/// replicas, and forget the provider.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::withdraw_stake())]
		pub fn withdraw_stake(origin: OriginFor<T>) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_withdraw_stake(provider)
		}

		/// Order `replicas` copies of content kept for `duration` blocks. `root`, `size` and
		/// `segments` describe the content's segment tree; `fee` (at least
		/// `MinFeePerSegmentPeriod` per segment, replica and challenge period) is held and paid
		/// out to the providers pro rata, the rest refunded. Also holds `OrderDeposit`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::place_order())]
		pub fn place_order(
			origin: OriginFor<T>,
			root: H256,
			size: u64,
			segments: u64,
			replicas: u32,
			duration: BlockNumberFor<T>,
			fee: BalanceOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_place_order(owner, root, size, segments, replicas, duration, fee)
		}

		/// Take one replica of an order: the caller commits the content's segments of capacity,
		/// needs stake for their collateral, and will be challenged on the content from the
		/// next round on.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::accept_order().saturating_add(Pallet::<T>::draw_list_push(MAX_DEPTH)))]
		pub fn accept_order(origin: OriginFor<T>, order: OrderId) -> DispatchResultWithPostInfo {
			let provider = ensure_signed(origin)?;
			Self::do_accept_order(provider, order)
		}

		/// End an order: pay its providers up to now (or its end), refund the rest of the fee
		/// and the deposit to the owner, and free the providers' capacity. The owner may end
		/// an order at any time; anyone may once it is over.
		#[pallet::call_index(7)]
		#[pallet::weight(Pallet::<T>::end_order_weight(T::MaxReplicas::get(), MAX_DEPTH))]
		pub fn end_order(origin: OriginFor<T>, order: OrderId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_end_order(who, order)
		}

		/// Answer a challenge with the challenged segment and its Merkle path (sibling
		/// hashes from the leaf up). Pays the provider what it earned on the order so far.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::submit_proof())]
		pub fn submit_proof(
			origin: OriginFor<T>,
			challenge: ChallengeId,
			segment: Segment,
			path: MerklePath,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_submit_proof(provider, challenge, segment, path)
		}

		/// Leave the caller's replica of an order before the order ends: the provider is paid
		/// up to now, forfeits `LeavePenalty` of the replica's collateral (`SlashToOwner` of it
		/// to the order's owner) and gets the capacity back; the replica is open to others.
		/// Not while the replica has an open challenge.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::leave_replica().saturating_add(Pallet::<T>::draw_list_remove(MAX_DEPTH)))]
		pub fn leave_replica(origin: OriginFor<T>, order: OrderId) -> DispatchResultWithPostInfo {
			let provider = ensure_signed(origin)?;
			Self::do_leave_replica(provider, order)
		}
	}
}
