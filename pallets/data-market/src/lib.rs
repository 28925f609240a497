//! # Data market
//!
//! Owners sell access to encrypted datasets and streams; buyers pay into escrow that is
//! released only when the chain has verified that access was delivered, or refunded when it
//! was not.
//!
//! * **Listings**: the content's segment-tree root, size and segment count (the bytes storage
//!   providers keep, see `pallet-storage-proofs`), the Umbral capsule of its data key, the
//!   listing's delegating and verifying public keys, a price in the native token, license
//!   terms, tags, provenance (ranges of device anchors, checked to exist and to be of active
//!   devices the seller owns) and an optional expiry. Capsules and keys are decoded with `umbral-pre`
//!   on the way in: malformed bytes never reach storage. The seller holds a deposit for the
//!   listing's bytes.
//! * **Purchases** ([`Pallet::purchase`]): the price (never above the buyer's `max_price`) is
//!   held from the buyer, and an access grant is opened in `pallet-access-grants` for the
//!   buyer's Umbral public key, to be fulfilled within `FulfilmentWindow` blocks. When the
//!   grant is fulfilled (its capsule fragments verified on chain) the escrow goes to the
//!   seller, less `ProtocolFee` to the treasury. When the deadline passes first, anyone may
//!   call [`Pallet::claim_refund`], and `on_idle` refunds due purchases on its own, oldest
//!   first, within the block's spare weight (a purchase settled in the meantime costs a read,
//!   not a refund): the buyer gets everything back. A seller who
//!   revokes the grant refunds the buyer at once.
//! * **Streams**: a subscription listing sells periods of `period` blocks. The seller
//!   publishes each period's content and capsule ([`Pallet::publish_period`]); a purchase
//!   buys the current period, [`Pallet::renew`] the next one once the current one was
//!   delivered, and a subscription not renewed by the end of its last delivered period has
//!   lapsed. A period counts as the subscriber's only once delivered: a refunded period can
//!   be bought again. The seller may end a subscription: it is not
//!   renewed from the next period on.
//! * **Reputation**: per seller, counted only from on-chain outcomes: purchases fulfilled and
//!   refunded, and ratings (1 to 5) left by buyers of completed purchases, one per purchase.
//!
//! Funds only move through holds and transfers of held funds: total issuance never changes.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod dispatchable_impls;
pub mod migrations;
pub mod runtime_api;
mod tick_impls;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
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
	use alloc::boxed::Box;
	use cpchain_pallet_support::queue::IdleQueue;
	use cpchain_primitives::market::{CapsuleBytes, GrantManager, ListingId};
	use cpchain_primitives::{device::DeviceProvenance, pre::PublicKeyBytes};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			Consideration, Footprint,
		},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::{traits::BlockNumberProvider, Perbill};

	/// 1: a subscription counts the periods delivered, not the periods bought
	/// ([`crate::migrations::v1`]).
	pub(crate) const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Currency prices are paid and held in escrow in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Access grants: opened by purchases, settled by verified capsule fragments.
		type Grants: GrantManager<Self::AccountId, BlockNumberFor<Self>>;

		/// The device registry, which says whose devices anchored what.
		type Provenance: DeviceProvenance<Self::AccountId>;

		/// The clock of this pallet's windows (`FulfilmentWindow`, purchase deadlines, listing
		/// expiry, subscription periods): in CPChain the relay chain's block number, which keeps
		/// an hour an hour when parachain block times change. The grants read the same clock.
		type BlockNumberProvider: BlockNumberProvider<BlockNumber = BlockNumberFor<Self>>;

		/// Blocks (of `BlockNumberProvider`) a seller has to deliver access after a purchase.
		#[pallet::constant]
		type FulfilmentWindow: Get<BlockNumberFor<Self>>;

		/// Part of each payment that goes to `Treasury`.
		#[pallet::constant]
		type ProtocolFee: Get<Perbill>;

		/// Account protocol fees are paid to.
		#[pallet::constant]
		type Treasury: Get<Self::AccountId>;

		/// Deposit a listing takes from its seller, for a footprint of one record of the
		/// listing's encoded size; it follows the listing's size as periods are published.
		type ListingDeposit: Consideration<Self::AccountId, Footprint>;

		/// Deposit a purchase or a subscription takes from its buyer, for a footprint of one
		/// record of its largest encoded size.
		type PurchaseDeposit: Consideration<Self::AccountId, Footprint>;

		/// Most provenance references of a listing.
		#[pallet::constant]
		type MaxProvenanceRefs: Get<u32>;

		/// Weights of this pallet's calls and hooks, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Creates anchored devices for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds: the escrow always, the deposits in a runtime that takes
	/// them as holds (`HoldConsideration`).
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A purchase's price, until delivered or refunded.
		Escrow,
		/// Storage deposit of a listing, held from the seller.
		ListingDeposit,
		/// Storage deposit of a purchase or subscription, held from the buyer.
		PurchaseDeposit,
	}

	/// Id the next listing gets.
	#[pallet::storage]
	pub type NextListingId<T: Config> = StorageValue<_, ListingId, ValueQuery>;

	/// Listings, until delisted and settled.
	#[pallet::storage]
	pub type Listings<T: Config> = StorageMap<_, Twox64Concat, ListingId, Listing<T>>;

	/// Listings of each seller.
	#[pallet::storage]
	pub type ListingsOf<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ListingId, ()>;

	/// Purchases, while pending and, once completed, until rated.
	#[pallet::storage]
	pub type Purchases<T: Config> = StorageMap<_, Twox64Concat, PurchaseId, Purchase<T>>;

	/// The pending purchase of each buyer for each listing: one at a time.
	#[pallet::storage]
	pub type OpenPurchase<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ListingId, PurchaseId>;

	/// Subscriptions to streams.
	#[pallet::storage]
	pub type Subscriptions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ListingId,
		Blake2_128Concat,
		T::AccountId,
		Subscription<T::PurchaseDeposit>,
	>;

	/// Purchases in deadline order, for `on_idle` refunds: `RefundQueue[head..tail]`. Every
	/// deadline is `FulfilmentWindow` after its purchase, so purchase order is deadline order.
	#[pallet::storage]
	pub type RefundQueue<T: Config> = StorageMap<_, Twox64Concat, u64, PurchaseId>;

	/// `(head, tail)` of `RefundQueue`.
	#[pallet::storage]
	pub type RefundBounds<T: Config> = StorageValue<_, (u64, u64), ValueQuery>;

	/// The queue of purchases, drained by `on_idle`.
	pub(crate) type RefundQueueOf<T> = IdleQueue<PurchaseId, RefundQueue<T>, RefundBounds<T>>;

	/// Each seller's reputation.
	#[pallet::storage]
	pub type Reputations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Reputation, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A listing was created.
		ListingCreated {
			listing: ListingId,
			seller: T::AccountId,
			offer: Offer<BlockNumberFor<T>>,
			price: BalanceOf<T>,
			content_root: H256,
			size: u64,
		},
		/// The seller changed a listing's price, license or status.
		ListingUpdated { listing: ListingId, price: BalanceOf<T>, status: ListingStatus },
		/// The seller published the content and capsule of a period of a stream.
		PeriodPublished { listing: ListingId, period: PeriodIndex, content_root: H256, size: u64 },
		/// The seller delisted a listing: no new purchases.
		Delisted { listing: ListingId },
		/// A delisted listing with no open purchase left was removed and its deposit released.
		ListingRemoved { listing: ListingId },
		/// A buyer paid `price` into escrow; the seller must deliver by `deadline`.
		Purchased {
			purchase: PurchaseId,
			listing: ListingId,
			period: PeriodIndex,
			buyer: T::AccountId,
			price: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
		},
		/// Access was delivered: `paid` went to the seller and `fee` to the treasury.
		PurchaseCompleted {
			purchase: PurchaseId,
			seller: T::AccountId,
			paid: BalanceOf<T>,
			fee: BalanceOf<T>,
		},
		/// The buyer got the price back: not delivered in time, or revoked by the seller.
		PurchaseRefunded { purchase: PurchaseId, buyer: T::AccountId, amount: BalanceOf<T> },
		/// A buyer rated a completed purchase.
		Rated { purchase: PurchaseId, seller: T::AccountId, rating: u8 },
		/// A subscription will not be renewed: ended by its seller or its subscriber.
		SubscriptionEnded { listing: ListingId, subscriber: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No listing with this id.
		UnknownListing,
		/// Only the seller may do this.
		NotSeller,
		/// The listing is delisted.
		ListingDelisted,
		/// The listing is paused.
		ListingPaused,
		/// The listing's expiry has passed.
		ListingExpired,
		/// The expiry is not in the future.
		ExpiryInPast,
		/// The content is empty.
		EmptyContent,
		/// The segment count is not `segment_count(size)`.
		SegmentCountMismatch,
		/// A subscription period must last at least one block.
		ZeroPeriod,
		/// The capsule is not an encoded Umbral capsule, or fails its integrity check.
		MalformedCapsule,
		/// A public key is not a point on the curve.
		MalformedKey,
		/// A provenance reference's first sequence is after its last.
		InvalidProvenance,
		/// A provenance reference names a device the seller does not own.
		ProvenanceNotOwned,
		/// A provenance reference names a suspended or revoked device: its anchors vouch for
		/// nothing.
		ProvenanceInactive,
		/// A provenance reference goes past the device's last anchor.
		ProvenanceNotAnchored,
		/// The listing is a dataset, not a stream.
		NotSubscription,
		/// A period can be published for the current or the next period only.
		PeriodNotOpen,
		/// The period's content and capsule are not published yet.
		PeriodNotPublished,
		/// The price is above the buyer's `max_price`.
		PriceAboveMax,
		/// The account cannot pay the price or deposit.
		InsufficientBalance,
		/// Sellers do not buy their own listings.
		OwnListing,
		/// The buyer already has a pending purchase of this listing.
		AlreadyPurchased,
		/// The current period was delivered to the buyer already (renew for the next one), or
		/// the next one was.
		AlreadySubscribed,
		/// No subscription of this buyer to this listing.
		NotSubscribed,
		/// No period of the subscription was delivered up to the current one (not renewed in
		/// time, or the last purchase was refunded); purchase the current period anew.
		SubscriptionLapsed,
		/// No purchase with this id.
		UnknownPurchase,
		/// The purchase's deadline has not passed.
		RefundNotDue,
		/// The purchase was already refunded.
		AlreadyRefunded,
		/// The purchase was delivered: there is nothing to refund.
		AlreadyCompleted,
		/// The purchase is not completed: only delivered purchases may be rated.
		NotCompleted,
		/// Only the buyer may rate a purchase.
		NotBuyer,
		/// A rating is from 1 to 5.
		InvalidRating,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut meter = WeightMeter::with_limit(remaining);
			Self::refund_due(&mut meter);
			meter.consumed()
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			assert!(!T::FulfilmentWindow::get().is_zero(), "FulfilmentWindow must not be zero");
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// List encrypted data for sale. `content_root`, `size` and `segments` describe the
		/// encrypted content's segment tree; `capsule` seals its data key under
		/// `delegating_key`; `verifying_key` signs the key fragments that will re-encrypt it
		/// for buyers. A `Subscription` sells periods, starting with this content as period 0.
		/// Every `provenance` reference must be anchors of an active device the caller owns.
		/// Holds a deposit for the listing's bytes.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_listing())]
		pub fn create_listing(origin: OriginFor<T>, listing: Box<NewListing<T>>) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_create_listing(seller, *listing)
		}

		/// Change a listing's price, license terms, or pause (`Some(true)`) or resume
		/// (`Some(false)`) its sales. `None` leaves a field as it is. Pending purchases keep
		/// the price they paid. The deposit follows the listing's size.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_listing())]
		pub fn update_listing(
			origin: OriginFor<T>,
			listing: ListingId,
			price: Option<BalanceOf<T>>,
			license: Option<License>,
			paused: Option<bool>,
		) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_update_listing(seller, listing, price, license, paused)
		}

		/// Withdraw a listing for good: no new purchases or renewals; pending purchases still
		/// complete or are refunded. The listing and its deposit go once none is pending.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::delist())]
		pub fn delist(origin: OriginFor<T>, listing: ListingId) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_delist(seller, listing)
		}

		/// Publish the content and capsule of `period` of a stream: the current period or the
		/// next. Replaces an earlier publication of the same period.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::publish_period())]
		pub fn publish_period(
			origin: OriginFor<T>,
			listing: ListingId,
			period: PeriodIndex,
			content_root: H256,
			size: u64,
			segments: u64,
			capsule: CapsuleBytes,
		) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_publish_period(
				seller,
				listing,
				PeriodContent { period, content_root, size, segments, capsule },
			)
		}

		/// Buy a dataset, or the current period of a stream, for at most `max_price`. The price
		/// is held in escrow and a grant is opened for `buyer_key`, the buyer's Umbral public
		/// key; the seller has `FulfilmentWindow` blocks to deliver, or the buyer is refunded.
		/// Also holds the purchase's and the grant's storage deposits.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::purchase())]
		pub fn purchase(
			origin: OriginFor<T>,
			listing: ListingId,
			buyer_key: PublicKeyBytes,
			max_price: BalanceOf<T>,
		) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			Self::do_purchase(buyer, listing, buyer_key, max_price)
		}

		/// Renew a subscription: buy the period after the current one, for at most
		/// `max_price`, once the seller has published it and the current period was
		/// delivered to the subscriber. Only while the subscription has not lapsed.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::renew())]
		pub fn renew(
			origin: OriginFor<T>,
			listing: ListingId,
			buyer_key: PublicKeyBytes,
			max_price: BalanceOf<T>,
		) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			Self::do_renew(buyer, listing, buyer_key, max_price)
		}

		/// Refund a purchase whose deadline passed without delivery: the buyer gets the price
		/// and deposits back. Anyone may call it; `on_idle` also does it on its own.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::claim_refund())]
		pub fn claim_refund(origin: OriginFor<T>, purchase: PurchaseId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_claim_refund(purchase)
		}

		/// Rate a completed purchase from 1 to 5, once. The rating counts towards the seller's
		/// reputation; the purchase record goes and its deposit is released.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::rate())]
		pub fn rate(origin: OriginFor<T>, purchase: PurchaseId, rating: u8) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			Self::do_rate(buyer, purchase, rating)
		}

		/// End a subscription so that it is not renewed: by the listing's seller (access ends
		/// with the periods already paid) or by the subscriber. Releases the subscription's
		/// deposit.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::end_subscription())]
		pub fn end_subscription(
			origin: OriginFor<T>,
			listing: ListingId,
			subscriber: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_end_subscription(who, listing, subscriber)
		}
	}
}
