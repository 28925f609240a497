use crate::*;
use cpchain_pallet_support::holds;
use cpchain_primitives::market::{
	GrantId, GrantManager, GrantOutcome, GrantStatus, ListingId, ListingSeller, SealedKey,
};
use cpchain_primitives::{
	device::{DeviceProvenance, ProvenanceError},
	pre::{decode_capsule, decode_public_key, PublicKeyBytes},
	storage::segment_count,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Consideration, Footprint,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{BlockNumberProvider, SaturatedConversion, Saturating, Zero};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_create_listing(seller: T::AccountId, new: NewListing<T>) -> DispatchResult {
		let NewListing {
			offer,
			price,
			content_root,
			size,
			segments,
			capsule,
			delegating_key,
			verifying_key,
			license,
			tags,
			provenance,
			expires_at,
		} = new;
		let content = PeriodContent { period: 0, content_root, size, segments, capsule };
		if let Offer::Subscription { period } = offer {
			ensure!(!period.is_zero(), Error::<T>::ZeroPeriod);
		}
		Self::check_content(&content)?;
		ensure!(
			decode_public_key(&delegating_key).is_some()
				&& decode_public_key(&verifying_key).is_some(),
			Error::<T>::MalformedKey
		);
		let now = Self::now();
		if let Some(expires_at) = expires_at {
			ensure!(expires_at > now, Error::<T>::ExpiryInPast);
		}
		for r in &provenance {
			ensure!(
				r.first_sequence > 0 && r.first_sequence <= r.last_sequence,
				Error::<T>::InvalidProvenance
			);
			let last = T::Provenance::last_anchored(&seller, &r.device).map_err(|e| match e {
				ProvenanceError::NotOwned => Error::<T>::ProvenanceNotOwned,
				ProvenanceError::Inactive => Error::<T>::ProvenanceInactive,
			})?;
			ensure!(r.last_sequence <= last, Error::<T>::ProvenanceNotAnchored);
		}

		let id = NextListingId::<T>::mutate(|next| {
			let id = *next;
			next.saturating_inc();
			id
		});
		let content = BoundedVec::truncate_from(alloc::vec![content]);
		let (status, open_purchases) = (ListingStatus::Active, 0u32);
		// Every field of the listing but its deposit, in order: its footprint.
		let fields = (
			&seller,
			&offer,
			&price,
			&delegating_key,
			&verifying_key,
			&content,
			&license,
			&tags,
			&provenance,
			&expires_at,
			&status,
			&now,
			&open_purchases,
		);
		let deposit = T::ListingDeposit::new(&seller, Footprint::from_encodable(fields))?;
		let listing = Listing {
			seller: seller.clone(),
			offer,
			price,
			delegating_key,
			verifying_key,
			content,
			license,
			tags,
			provenance,
			expires_at,
			status,
			created_at: now,
			open_purchases,
			deposit,
		};
		Listings::<T>::insert(id, listing);
		ListingsOf::<T>::insert(&seller, id, ());
		Self::deposit_event(Event::ListingCreated {
			listing: id,
			seller,
			offer,
			price,
			content_root,
			size,
		});
		Ok(())
	}

	pub(crate) fn do_update_listing(
		seller: T::AccountId,
		id: ListingId,
		price: Option<BalanceOf<T>>,
		license: Option<License>,
		paused: Option<bool>,
	) -> DispatchResult {
		let mut listing = Self::owned_listing(&seller, id)?;
		if let Some(price) = price {
			listing.price = price;
		}
		if let Some(license) = license {
			listing.license = license;
		}
		match paused {
			Some(true) => listing.status = ListingStatus::Paused,
			Some(false) => listing.status = ListingStatus::Active,
			None => {},
		}
		let (price, status) = (listing.price, listing.status);
		Self::store_resized(id, listing)?;
		Self::deposit_event(Event::ListingUpdated { listing: id, price, status });
		Ok(())
	}

	pub(crate) fn do_delist(seller: T::AccountId, id: ListingId) -> DispatchResult {
		let mut listing = Self::owned_listing(&seller, id)?;
		listing.status = ListingStatus::Delisted;
		Self::deposit_event(Event::Delisted { listing: id });
		if listing.open_purchases == 0 {
			Self::remove_listing(id, listing)
		} else {
			Listings::<T>::insert(id, listing);
			Ok(())
		}
	}

	pub(crate) fn do_publish_period(
		seller: T::AccountId,
		id: ListingId,
		content: PeriodContent,
	) -> DispatchResult {
		let mut listing = Self::owned_listing(&seller, id)?;
		ensure!(matches!(listing.offer, Offer::Subscription { .. }), Error::<T>::NotSubscription);
		let current = Self::current_period(&listing);
		ensure!(
			content.period == current || content.period == current.saturating_add(1),
			Error::<T>::PeriodNotOpen
		);
		Self::check_content(&content)?;
		let (period, content_root, size) = (content.period, content.content_root, content.size);
		// Keep only the current and next periods: what can still be bought.
		listing.content.retain(|c| c.period >= current && c.period != period);
		listing.content.try_push(content).map_err(|_| Error::<T>::PeriodNotOpen)?;
		listing.content.sort_by_key(|c| c.period);
		Self::store_resized(id, listing)?;
		Self::deposit_event(Event::PeriodPublished { listing: id, period, content_root, size });
		Ok(())
	}

	pub(crate) fn do_purchase(
		buyer: T::AccountId,
		id: ListingId,
		buyer_key: PublicKeyBytes,
		max_price: BalanceOf<T>,
	) -> DispatchResult {
		let listing = Self::sellable(id, &buyer)?;
		let period = Self::current_period(&listing);
		let is_stream = matches!(listing.offer, Offer::Subscription { .. });
		let subscription = if is_stream { Subscriptions::<T>::get(id, &buyer) } else { None };
		if let Some(delivered) = subscription.as_ref().and_then(|s| s.delivered_through) {
			ensure!(delivered < period, Error::<T>::AlreadySubscribed);
		}
		Self::buy(buyer.clone(), id, listing, period, buyer_key, max_price)?;
		if is_stream && subscription.is_none() {
			let footprint = Footprint::from_mel::<Subscription<T::PurchaseDeposit>>();
			let deposit = T::PurchaseDeposit::new(&buyer, footprint)?;
			Subscriptions::<T>::insert(
				id,
				&buyer,
				Subscription { delivered_through: None, deposit },
			);
		}
		Ok(())
	}

	pub(crate) fn do_renew(
		buyer: T::AccountId,
		id: ListingId,
		buyer_key: PublicKeyBytes,
		max_price: BalanceOf<T>,
	) -> DispatchResult {
		let listing = Self::sellable(id, &buyer)?;
		ensure!(matches!(listing.offer, Offer::Subscription { .. }), Error::<T>::NotSubscription);
		let sub = Subscriptions::<T>::get(id, &buyer).ok_or(Error::<T>::NotSubscribed)?;
		ensure!(!OpenPurchase::<T>::contains_key(&buyer, id), Error::<T>::AlreadyPurchased);
		let current = Self::current_period(&listing);
		let delivered = sub.delivered_through.filter(|p| *p >= current);
		ensure!(delivered.is_some(), Error::<T>::SubscriptionLapsed);
		ensure!(delivered == Some(current), Error::<T>::AlreadySubscribed);
		Self::buy(buyer, id, listing, current.saturating_add(1), buyer_key, max_price)
	}

	/// Holds the price and deposits from `buyer` and opens the grant for `period`.
	fn buy(
		buyer: T::AccountId,
		id: ListingId,
		mut listing: Listing<T>,
		period: PeriodIndex,
		buyer_key: PublicKeyBytes,
		max_price: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(listing.price <= max_price, Error::<T>::PriceAboveMax);
		ensure!(!OpenPurchase::<T>::contains_key(&buyer, id), Error::<T>::AlreadyPurchased);
		ensure!(decode_public_key(&buyer_key).is_some(), Error::<T>::MalformedKey);
		let capsule = listing
			.content
			.iter()
			.find(|c| c.period == period)
			.map(|c| c.capsule.clone())
			.ok_or(Error::<T>::PeriodNotPublished)?;
		let price = listing.price;
		holds::hold::<_, T::Currency>(&HoldReason::Escrow.into(), &buyer, price)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		let deposit = T::PurchaseDeposit::new(&buyer, Footprint::from_mel::<Purchase<T>>())?;
		let deadline = Self::now().saturating_add(T::FulfilmentWindow::get());
		let sealed = SealedKey {
			capsule,
			delegating_key: listing.delegating_key,
			verifying_key: listing.verifying_key,
		};
		let purchase = T::Grants::request(
			id,
			listing.seller.clone(),
			buyer.clone(),
			buyer_key,
			sealed,
			deadline,
		)?;
		Purchases::<T>::insert(
			purchase,
			Purchase {
				listing: id,
				period,
				buyer: buyer.clone(),
				seller: listing.seller.clone(),
				price,
				deadline,
				status: PurchaseStatus::Pending,
				deposit,
			},
		);
		OpenPurchase::<T>::insert(&buyer, id, purchase);
		RefundQueueOf::<T>::push(purchase);
		listing.open_purchases.saturating_inc();
		Listings::<T>::insert(id, listing);
		Self::deposit_event(Event::Purchased {
			purchase,
			listing: id,
			period,
			buyer,
			price,
			deadline,
		});
		Ok(())
	}

	pub(crate) fn do_claim_refund(id: PurchaseId) -> DispatchResult {
		let Some(purchase) = Purchases::<T>::get(id) else {
			return Err(match T::Grants::status(id) {
				Some(GrantStatus::Expired { .. } | GrantStatus::Revoked { .. }) => {
					Error::<T>::AlreadyRefunded
				},
				_ => Error::<T>::UnknownPurchase,
			}
			.into());
		};
		ensure!(purchase.status == PurchaseStatus::Pending, Error::<T>::AlreadyCompleted);
		ensure!(Self::now() > purchase.deadline, Error::<T>::RefundNotDue);
		T::Grants::expire(id)?;
		Self::refund(id, purchase)
	}

	pub(crate) fn do_rate(buyer: T::AccountId, id: PurchaseId, rating: u8) -> DispatchResult {
		let purchase = Purchases::<T>::get(id).ok_or(Error::<T>::UnknownPurchase)?;
		ensure!(purchase.buyer == buyer, Error::<T>::NotBuyer);
		ensure!(purchase.status == PurchaseStatus::Completed, Error::<T>::NotCompleted);
		ensure!((1..=5).contains(&rating), Error::<T>::InvalidRating);
		purchase.deposit.drop(&buyer)?;
		Purchases::<T>::remove(id);
		Reputations::<T>::mutate(&purchase.seller, |r| {
			r.ratings.saturating_inc();
			r.rating_sum.saturating_accrue(rating.into());
		});
		Self::deposit_event(Event::Rated { purchase: id, seller: purchase.seller, rating });
		Ok(())
	}

	pub(crate) fn do_end_subscription(
		who: T::AccountId,
		id: ListingId,
		subscriber: T::AccountId,
	) -> DispatchResult {
		let sub = Subscriptions::<T>::get(id, &subscriber).ok_or(Error::<T>::NotSubscribed)?;
		ensure!(
			who == subscriber || Listings::<T>::get(id).is_some_and(|l| l.seller == who),
			Error::<T>::NotSeller
		);
		sub.deposit.drop(&subscriber)?;
		Subscriptions::<T>::remove(id, &subscriber);
		Self::deposit_event(Event::SubscriptionEnded { listing: id, subscriber });
		Ok(())
	}

	/// The grant of a pending purchase was fulfilled: pay the seller, less the protocol fee.
	pub(crate) fn complete(id: PurchaseId) -> DispatchResult {
		let Some(mut purchase) = Purchases::<T>::get(id) else { return Ok(()) };
		if purchase.status != PurchaseStatus::Pending {
			return Ok(());
		}
		let fee = T::ProtocolFee::get() * purchase.price;
		let paid = purchase.price.saturating_sub(fee);
		Self::pay(&purchase.buyer, &purchase.seller, paid)?;
		// A fee the treasury cannot take (an amount below the existential deposit of an
		// empty treasury) goes to the seller.
		let (paid, fee) =
			match with_storage_layer(|| Self::pay(&purchase.buyer, &T::Treasury::get(), fee)) {
				Ok(()) => (paid, fee),
				Err(_) => {
					Self::pay(&purchase.buyer, &purchase.seller, fee)?;
					(purchase.price, Zero::zero())
				},
			};
		purchase.status = PurchaseStatus::Completed;
		OpenPurchase::<T>::remove(&purchase.buyer, purchase.listing);
		if let Some(mut sub) = Subscriptions::<T>::get(purchase.listing, &purchase.buyer) {
			sub.delivered_through = sub.delivered_through.max(Some(purchase.period));
			Subscriptions::<T>::insert(purchase.listing, &purchase.buyer, sub);
		}
		Self::purchase_settled(purchase.listing)?;
		Reputations::<T>::mutate(&purchase.seller, |r| r.fulfilled.saturating_inc());
		let seller = purchase.seller.clone();
		Purchases::<T>::insert(id, purchase);
		Self::deposit_event(Event::PurchaseCompleted { purchase: id, seller, paid, fee });
		Ok(())
	}

	/// Gives a pending purchase's price and deposit back to its buyer and forgets it.
	pub(crate) fn refund(id: PurchaseId, purchase: Purchase<T>) -> DispatchResult {
		holds::release::<_, T::Currency>(
			&HoldReason::Escrow.into(),
			&purchase.buyer,
			purchase.price,
		)?;
		purchase.deposit.drop(&purchase.buyer)?;
		Purchases::<T>::remove(id);
		OpenPurchase::<T>::remove(&purchase.buyer, purchase.listing);
		Self::purchase_settled(purchase.listing)?;
		Reputations::<T>::mutate(&purchase.seller, |r| r.refunded.saturating_inc());
		Self::deposit_event(Event::PurchaseRefunded {
			purchase: id,
			buyer: purchase.buyer,
			amount: purchase.price,
		});
		Ok(())
	}

	/// One purchase of `id` less is pending; a delisted listing goes with its last one.
	fn purchase_settled(id: ListingId) -> DispatchResult {
		let Some(mut listing) = Listings::<T>::get(id) else { return Ok(()) };
		listing.open_purchases.saturating_dec();
		if listing.status == ListingStatus::Delisted && listing.open_purchases == 0 {
			Self::remove_listing(id, listing)
		} else {
			Listings::<T>::insert(id, listing);
			Ok(())
		}
	}

	fn remove_listing(id: ListingId, listing: Listing<T>) -> DispatchResult {
		listing.deposit.drop(&listing.seller)?;
		Listings::<T>::remove(id);
		ListingsOf::<T>::remove(&listing.seller, id);
		Self::deposit_event(Event::ListingRemoved { listing: id });
		Ok(())
	}

	/// Stores a changed listing, its deposit following its new size.
	fn store_resized(id: ListingId, mut listing: Listing<T>) -> DispatchResult {
		let footprint = listing.footprint();
		listing.deposit = listing.deposit.update(&listing.seller, footprint)?;
		Listings::<T>::insert(id, listing);
		Ok(())
	}

	/// The listing, if `seller` sells it and it is not delisted.
	fn owned_listing(seller: &T::AccountId, id: ListingId) -> Result<Listing<T>, DispatchError> {
		let listing = Listings::<T>::get(id).ok_or(Error::<T>::UnknownListing)?;
		ensure!(&listing.seller == seller, Error::<T>::NotSeller);
		ensure!(listing.status != ListingStatus::Delisted, Error::<T>::ListingDelisted);
		Ok(listing)
	}

	/// The listing, if `buyer` may buy it now.
	fn sellable(id: ListingId, buyer: &T::AccountId) -> Result<Listing<T>, DispatchError> {
		let listing = Listings::<T>::get(id).ok_or(Error::<T>::UnknownListing)?;
		match listing.status {
			ListingStatus::Active => {},
			ListingStatus::Paused => return Err(Error::<T>::ListingPaused.into()),
			ListingStatus::Delisted => return Err(Error::<T>::ListingDelisted.into()),
		}
		if let Some(expires_at) = listing.expires_at {
			ensure!(Self::now() <= expires_at, Error::<T>::ListingExpired);
		}
		ensure!(&listing.seller != buyer, Error::<T>::OwnListing);
		Ok(listing)
	}

	fn check_content(content: &PeriodContent) -> DispatchResult {
		ensure!(content.size > 0, Error::<T>::EmptyContent);
		ensure!(content.segments == segment_count(content.size), Error::<T>::SegmentCountMismatch);
		ensure!(decode_capsule(&content.capsule).is_some(), Error::<T>::MalformedCapsule);
		Ok(())
	}

	/// The period of a stream that is running now; 0 for a dataset.
	pub(crate) fn current_period(listing: &Listing<T>) -> PeriodIndex {
		match listing.offer {
			Offer::Dataset => 0,
			Offer::Subscription { period } => {
				let elapsed = Self::now().saturating_sub(listing.created_at);
				(elapsed / period).saturated_into()
			},
		}
	}

	fn pay(buyer: &T::AccountId, to: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::transfer_on_hold(
			&HoldReason::Escrow.into(),
			buyer,
			to,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Polite,
		)
		.map(|_| ())
	}

	pub(crate) fn now() -> BlockNumberFor<T> {
		T::BlockNumberProvider::current_block_number()
	}
}

impl<T: Config> ListingSeller<T::AccountId> for Pallet<T> {
	fn seller(listing: ListingId) -> Option<T::AccountId> {
		Listings::<T>::get(listing).map(|l| l.seller)
	}
}

impl<T: Config> GrantOutcome for Pallet<T> {
	fn on_fulfilled(grant: GrantId) -> DispatchResult {
		Self::complete(grant)
	}

	fn on_revoked(grant: GrantId) -> DispatchResult {
		match Purchases::<T>::get(grant) {
			Some(purchase) if purchase.status == PurchaseStatus::Pending => {
				Self::refund(grant, purchase)
			},
			_ => Ok(()),
		}
	}

	fn weight() -> Weight {
		T::WeightInfo::settle_fulfilled().max(T::WeightInfo::settle_revoked())
	}
}
