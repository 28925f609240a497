use crate::{mock::*, *};
use cpchain_pallet_support::queue::Step;
use cpchain_primitives::{
	device::{
		anchor_payload, device_id, registration_payload,
		signer::{DevicePair, Scheme},
		Anchor, DeviceId, ProvenanceRef,
	},
	pre::{decode_capsule_frag, decode_public_key, PublicKeyBytes},
	storage::segment_count,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Get,
	},
	weights::Weight,
	BoundedVec,
};
use pallet_access_grants::{
	testing as umbral, FragmentBytes, GrantManager, GrantStatus, ListingId,
};
use sp_core::H256;
use sp_runtime::traits::{BadOrigin, Convert};

type Error = crate::Error<Test>;

const PRICE: u64 = 10_000;
const SIZE: u64 = 5 * 1024 + 17;
const PERIOD: u64 = 10;
const PLAINTEXT: &[u8] = b"vehicle 42: harsh braking events 2026-11, 3 of 1200 km";

/// A device of `owner`, registered with its proof of possession, with anchors `1..=anchors`.
fn anchored_device(owner: u64, suri: &str, anchors: u64) -> DeviceId {
	let pair = DevicePair::from_string(Scheme::Ed25519, suri).unwrap();
	let key = pair.public();
	let genesis = System::block_hash(0);
	let proof = pair.sign(&registration_payload(&genesis, &owner, &key, 0));
	assert_ok!(DeviceRegistry::register_device(
		RuntimeOrigin::signed(owner),
		key,
		pallet_device_registry::DeviceMetadata {
			kind: BoundedVec::truncate_from(b"dashcam".to_vec()),
			firmware_hash: H256::repeat_byte(1),
			attributes: BoundedVec::new(),
		},
		proof
	));
	let id = device_id(&genesis, &key, 0);
	for sequence in 1..=anchors {
		let anchor = Anchor {
			sequence,
			batch_root: [sequence as u8; 32],
			reading_count: 10_000,
			time_start: sequence * 60_000,
			time_end: sequence * 60_000 + 59_999,
		};
		let signature = pair.sign(&anchor_payload(&id, &anchor));
		assert_ok!(DeviceRegistry::anchor_data(
			RuntimeOrigin::signed(owner),
			id,
			anchor,
			signature
		));
	}
	id
}

fn provenance(
	refs: &[ProvenanceRef],
) -> BoundedVec<ProvenanceRef, <Test as Config>::MaxProvenanceRefs> {
	BoundedVec::truncate_from(refs.to_vec())
}

fn text(s: &str) -> BoundedVec<u8, MaxLicenseLen> {
	BoundedVec::truncate_from(s.as_bytes().to_vec())
}

fn tags() -> Tags {
	BoundedVec::truncate_from(vec![BoundedVec::truncate_from(b"insurance".to_vec())])
}

/// Lists `data` with `offer`; returns the listing's id.
fn list(data: &umbral::Listing, offer: Offer<u64>, refs: &[ProvenanceRef]) -> ListingId {
	list_until(data, offer, refs, None)
}

fn list_until(
	data: &umbral::Listing,
	offer: Offer<u64>,
	refs: &[ProvenanceRef],
	expires_at: Option<u64>,
) -> ListingId {
	let id = NextListingId::<Test>::get();
	let m = data.sealed();
	assert_ok!(DataMarket::create_listing(
		RuntimeOrigin::signed(SELLER),
		Box::new(NewListing {
			offer,
			price: PRICE,
			content_root: H256::repeat_byte(7),
			size: SIZE,
			segments: segment_count(SIZE),
			capsule: m.capsule,
			delegating_key: m.delegating_key,
			verifying_key: m.verifying_key,
			license: text("CC-BY-4.0"),
			tags: tags(),
			provenance: provenance(refs),
			expires_at,
		})
	));
	id
}

fn dataset() -> (umbral::Listing, ListingId) {
	let data = umbral::Listing::new(1, PLAINTEXT);
	let id = list(&data, Offer::Dataset, &[]);
	(data, id)
}

fn key(seed: u64) -> (umbral::SecretKey, PublicKeyBytes) {
	let secret = umbral::secret_key(seed);
	let public = umbral::public_key(&secret);
	(secret, public)
}

fn buy(buyer: u64, listing: ListingId, key: PublicKeyBytes) -> PurchaseId {
	let id = pallet_access_grants::NextGrantId::<Test>::get();
	assert_ok!(DataMarket::purchase(RuntimeOrigin::signed(buyer), listing, key, PRICE));
	id
}

fn fulfil(data: &umbral::Listing, purchase: PurchaseId, buyer: &umbral::SecretKey) {
	let cfrag = umbral::wire(&data.fragments(buyer, 1, 1)[0]);
	assert_ok!(AccessGrants::submit_fragments(
		RuntimeOrigin::signed(SELLER),
		purchase,
		BoundedVec::truncate_from(vec![cfrag])
	));
}

fn db() -> frame_support::weights::RuntimeDbWeight {
	<<Test as frame_system::Config>::DbWeight as Get<_>>::get()
}

fn held(who: u64, reason: HoldReason) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::DataMarket(reason), &who)
}

fn grant_deposit(who: u64) -> u64 {
	Balances::balance_on_hold(
		&RuntimeHoldReason::AccessGrants(pallet_access_grants::HoldReason::GrantDeposit),
		&who,
	)
}

#[test]
fn a_dataset_is_listed_bought_delivered_paid_decrypted_and_rated() {
	new_test_ext().execute_with(|| {
		let device = anchored_device(SELLER, "//Dashcam", 3);
		let data = umbral::Listing::new(1, PLAINTEXT);
		let refs = [ProvenanceRef { device, first_sequence: 1, last_sequence: 3 }];
		let listing = list(&data, Offer::Dataset, &refs);
		let l = DataMarket::listing(listing).unwrap();
		assert_eq!(l.provenance.to_vec(), refs.to_vec());
		assert_eq!(held(SELLER, HoldReason::ListingDeposit), listing_deposit(&l));
		assert_eq!(DataMarket::listings_of(&SELLER), vec![listing]);

		let (secret, public) = key(2);
		let buyer_before = Balances::balance(&BUYER);
		let purchase = buy(BUYER, listing, public);
		System::assert_last_event(
			Event::Purchased {
				purchase,
				listing,
				period: 0,
				buyer: BUYER,
				price: PRICE,
				deadline: 1 + WINDOW,
			}
			.into(),
		);
		assert_eq!(held(BUYER, HoldReason::Escrow), PRICE);
		assert_eq!(DataMarket::open_purchases(&BUYER).len(), 1);
		assert_eq!(AccessGrants::status(purchase), Some(GrantStatus::Requested));

		let seller_before = Balances::balance(&SELLER);
		fulfil(&data, purchase, &secret);
		let fee = PRICE * 2 / 100;
		System::assert_has_event(
			Event::PurchaseCompleted { purchase, seller: SELLER, paid: PRICE - fee, fee }.into(),
		);
		assert_eq!(Balances::balance(&SELLER), seller_before + PRICE - fee);
		assert_eq!(Balances::balance(&TREASURY), fee);
		assert_eq!(held(BUYER, HoldReason::Escrow), 0);
		assert!(DataMarket::open_purchases(&BUYER).is_empty());
		assert_eq!(DataMarket::reputation(&SELLER).fulfilled, 1);

		// The buyer reads the fragment from chain and decrypts the original.
		let grant = AccessGrants::grant(purchase).unwrap();
		let delegating = decode_public_key(&grant.sealed.delegating_key).unwrap();
		let verifying = decode_public_key(&grant.sealed.verifying_key).unwrap();
		let cfrag = decode_capsule_frag(&AccessGrants::fragments(purchase)[0].bytes)
			.unwrap()
			.verify(&data.capsule, &verifying, &delegating, &secret.public_key())
			.unwrap();
		let plain = umbral_pre::decrypt_reencrypted(
			&secret,
			&delegating,
			&data.capsule,
			[cfrag],
			&data.ciphertext,
		)
		.unwrap();
		assert_eq!(&plain[..], PLAINTEXT);

		assert_ok!(DataMarket::rate(RuntimeOrigin::signed(BUYER), purchase, 5));
		assert_eq!(
			DataMarket::reputation(&SELLER),
			Reputation { fulfilled: 1, refunded: 0, ratings: 1, rating_sum: 5 }
		);
		assert_noop!(
			DataMarket::rate(RuntimeOrigin::signed(BUYER), purchase, 4),
			Error::UnknownPurchase
		);
		assert_eq!(held(BUYER, HoldReason::PurchaseDeposit), 0);
		run_to_block(2 + RETENTION);
		assert_eq!(grant_deposit(BUYER), 0);
		assert_eq!(Balances::balance(&BUYER), buyer_before - PRICE);
	});
}

#[test]
fn undelivered_purchases_are_refunded_in_full_after_the_deadline() {
	new_test_ext().execute_with(|| {
		let (data, listing) = dataset();
		let (secret, public) = key(2);
		let before = Balances::balance(&BUYER);
		let purchase = buy(BUYER, listing, public);
		assert_noop!(
			DataMarket::claim_refund(RuntimeOrigin::signed(OTHER), purchase),
			Error::RefundNotDue
		);
		System::set_block_number(2 + WINDOW);
		// Too late to deliver.
		let cfrag = umbral::wire(&data.fragments(&secret, 1, 1)[0]);
		assert_noop!(
			AccessGrants::submit_fragments(
				RuntimeOrigin::signed(SELLER),
				purchase,
				BoundedVec::truncate_from(vec![cfrag])
			),
			pallet_access_grants::Error::<Test>::GrantExpired
		);
		assert_ok!(DataMarket::claim_refund(RuntimeOrigin::signed(OTHER), purchase));
		System::assert_has_event(
			Event::PurchaseRefunded { purchase, buyer: BUYER, amount: PRICE }.into(),
		);
		assert_noop!(
			DataMarket::claim_refund(RuntimeOrigin::signed(OTHER), purchase),
			Error::AlreadyRefunded
		);
		assert_noop!(
			DataMarket::claim_refund(RuntimeOrigin::signed(OTHER), 77),
			Error::UnknownPurchase
		);
		assert_eq!(DataMarket::reputation(&SELLER).refunded, 1);
		assert_eq!(held(BUYER, HoldReason::Escrow) + held(BUYER, HoldReason::PurchaseDeposit), 0);
		run_to_block(3 + WINDOW + RETENTION);
		assert_eq!(Balances::balance(&BUYER), before);
	});
}

#[test]
fn on_idle_refunds_due_purchases_oldest_first_within_its_weight() {
	new_test_ext().execute_with(|| {
		let (_, listing) = dataset();
		let a = buy(BUYER, listing, key(2).1);
		System::set_block_number(2);
		let b = buy(BUYER2, listing, key(3).1);
		let (data, _) = (umbral::Listing::new(1, PLAINTEXT), ());
		System::set_block_number(3);
		let c = buy(OTHER, listing, key(4).1);
		fulfil(&data, c, &umbral::secret_key(4));

		// Nothing is due before the deadline.
		run_to_block(1 + WINDOW);
		assert!(DataMarket::purchase_details(a).is_some());
		// Room for the clock, the queue's bounds and one refund.
		let one = db().reads_writes(2, 1) + <() as WeightInfo>::refund_expired();
		run_to_block_with(3 + WINDOW, one);
		assert!(DataMarket::purchase_details(a).is_none());
		assert!(DataMarket::purchase_details(b).is_none());
		assert_eq!(AccessGrants::status(a), Some(GrantStatus::Expired { at: 2 + WINDOW }));
		assert_eq!(AccessGrants::status(b), Some(GrantStatus::Expired { at: 3 + WINDOW }));
		run_to_block_with(4 + WINDOW, Weight::zero());
		// The completed purchase is kept for its rating; the queue moves past it.
		run_to_block(5 + WINDOW);
		assert_eq!(
			DataMarket::purchase_details(c).map(|p| p.status),
			Some(PurchaseStatus::Completed)
		);
		assert_eq!(RefundBounds::<Test>::get(), (3, 3));
		// A settled purchase at the head of the queue is charged a read, not a refund.
		assert_eq!(
			DataMarket::refund_one(c, 5 + WINDOW),
			Step::Done(<() as WeightInfo>::refund_skipped())
		);
		assert_eq!(
			DataMarket::reputation(&SELLER),
			Reputation { fulfilled: 1, refunded: 2, ..Default::default() }
		);
	});
}

#[test]
fn a_revoked_grant_refunds_the_buyer_at_once() {
	new_test_ext().execute_with(|| {
		let (_, listing) = dataset();
		let before = Balances::balance(&BUYER);
		let purchase = buy(BUYER, listing, key(2).1);
		assert_ok!(AccessGrants::revoke_grant(RuntimeOrigin::signed(SELLER), purchase));
		System::assert_has_event(
			Event::PurchaseRefunded { purchase, buyer: BUYER, amount: PRICE }.into(),
		);
		assert_eq!(held(BUYER, HoldReason::Escrow), 0);
		assert_eq!(DataMarket::reputation(&SELLER).refunded, 1);
		// The same listing can be bought again.
		buy(BUYER, listing, key(2).1);
		run_to_block(2 + RETENTION + WINDOW);
		assert_eq!(Balances::balance(&BUYER), before);
	});
}

#[test]
fn listings_refuse_bad_content_keys_and_provenance() {
	new_test_ext().execute_with(|| {
		let mine = anchored_device(SELLER, "//Mine", 2);
		let theirs = anchored_device(OTHER, "//Theirs", 2);
		let data = umbral::Listing::new(1, PLAINTEXT);
		let m = data.sealed();
		let create = |offer: Offer<u64>,
		              size: u64,
		              segments: u64,
		              capsule: pallet_access_grants::CapsuleBytes,
		              keys: (PublicKeyBytes, PublicKeyBytes),
		              refs: &[ProvenanceRef],
		              expires_at: Option<u64>,
		              who: u64| {
			DataMarket::create_listing(
				RuntimeOrigin::signed(who),
				Box::new(NewListing {
					offer,
					price: PRICE,
					content_root: H256::repeat_byte(7),
					size,
					segments,
					capsule,
					delegating_key: keys.0,
					verifying_key: keys.1,
					license: text("CC-BY-4.0"),
					tags: tags(),
					provenance: provenance(refs),
					expires_at,
				}),
			)
		};
		let keys = (m.delegating_key, m.verifying_key);
		let ok = segment_count(SIZE);
		let cap = m.capsule.clone();
		let r = |device, first, last| ProvenanceRef {
			device,
			first_sequence: first,
			last_sequence: last,
		};
		assert_noop!(
			create(
				Offer::Subscription { period: 0 },
				SIZE,
				ok,
				cap.clone(),
				keys,
				&[],
				None,
				SELLER
			),
			Error::ZeroPeriod
		);
		assert_noop!(
			create(Offer::Dataset, 0, 0, cap.clone(), keys, &[], None, SELLER),
			Error::EmptyContent
		);
		assert_noop!(
			create(Offer::Dataset, SIZE, ok + 1, cap.clone(), keys, &[], None, SELLER),
			Error::SegmentCountMismatch
		);
		let mut bad = cap.clone();
		bad[40] ^= 0xff;
		assert_noop!(
			create(Offer::Dataset, SIZE, ok, bad, keys, &[], None, SELLER),
			Error::MalformedCapsule
		);
		assert_noop!(
			create(
				Offer::Dataset,
				SIZE,
				ok,
				BoundedVec::truncate_from(vec![1; 10]),
				keys,
				&[],
				None,
				SELLER
			),
			Error::MalformedCapsule
		);
		assert_noop!(
			create(Offer::Dataset, SIZE, ok, cap.clone(), ([5; 33], keys.1), &[], None, SELLER),
			Error::MalformedKey
		);
		assert_noop!(
			create(Offer::Dataset, SIZE, ok, cap.clone(), (keys.0, [0; 33]), &[], None, SELLER),
			Error::MalformedKey
		);
		assert_noop!(
			create(Offer::Dataset, SIZE, ok, cap.clone(), keys, &[], Some(1), SELLER),
			Error::ExpiryInPast
		);
		assert_noop!(
			create(Offer::Dataset, SIZE, ok, cap.clone(), keys, &[r(mine, 2, 1)], None, SELLER),
			Error::InvalidProvenance
		);
		assert_noop!(
			create(Offer::Dataset, SIZE, ok, cap.clone(), keys, &[r(mine, 0, 1)], None, SELLER),
			Error::InvalidProvenance
		);
		assert_noop!(
			create(
				Offer::Dataset,
				SIZE,
				ok,
				cap.clone(),
				keys,
				&[r(mine, 1, 2), r(theirs, 1, 1)],
				None,
				SELLER
			),
			Error::ProvenanceNotOwned
		);
		assert_noop!(
			create(
				Offer::Dataset,
				SIZE,
				ok,
				cap.clone(),
				keys,
				&[r(H256::zero(), 1, 1)],
				None,
				SELLER
			),
			Error::ProvenanceNotOwned
		);
		assert_noop!(
			create(Offer::Dataset, SIZE, ok, cap.clone(), keys, &[r(mine, 1, 3)], None, SELLER),
			Error::ProvenanceNotAnchored
		);
		assert_noop!(
			create(Offer::Dataset, SIZE, ok, cap.clone(), keys, &[], None, POOR),
			sp_runtime::TokenError::FundsUnavailable
		);
		// The anchors of a suspended or revoked device vouch for nothing.
		let with_mine = |cap: pallet_access_grants::CapsuleBytes| {
			create(Offer::Dataset, SIZE, ok, cap, keys, &[r(mine, 1, 2)], None, SELLER)
		};
		assert_ok!(DeviceRegistry::suspend_device(RuntimeOrigin::signed(SELLER), mine));
		assert_noop!(with_mine(cap.clone()), Error::ProvenanceInactive);
		assert_ok!(DeviceRegistry::resume_device(RuntimeOrigin::signed(SELLER), mine));
		assert_ok!(create(
			Offer::Dataset,
			SIZE,
			ok,
			cap.clone(),
			keys,
			&[r(mine, 1, 2)],
			Some(5),
			SELLER
		));
		assert_ok!(DeviceRegistry::revoke_device(RuntimeOrigin::root(), mine));
		assert_noop!(with_mine(cap), Error::ProvenanceInactive);
	});
}

#[test]
fn purchases_refuse_what_cannot_be_bought() {
	new_test_ext().execute_with(|| {
		let (data, listing) = dataset();
		let (_, public) = key(2);
		let purchase = |who: u64, listing: ListingId, key: PublicKeyBytes, max: u64| {
			DataMarket::purchase(RuntimeOrigin::signed(who), listing, key, max)
		};
		assert_noop!(purchase(BUYER, 9, public, PRICE), Error::UnknownListing);
		assert_noop!(purchase(SELLER, listing, public, PRICE), Error::OwnListing);
		assert_noop!(purchase(BUYER, listing, public, PRICE - 1), Error::PriceAboveMax);
		assert_noop!(purchase(BUYER, listing, [3; 33], PRICE), Error::MalformedKey);
		assert_noop!(purchase(POOR, listing, public, PRICE), Error::InsufficientBalance);
		assert_noop!(
			DataMarket::purchase(RuntimeOrigin::none(), listing, public, PRICE),
			BadOrigin
		);
		assert_ok!(purchase(BUYER, listing, public, PRICE));
		assert_noop!(purchase(BUYER, listing, public, PRICE), Error::AlreadyPurchased);

		assert_ok!(DataMarket::update_listing(
			RuntimeOrigin::signed(SELLER),
			listing,
			None,
			None,
			Some(true)
		));
		assert_noop!(purchase(BUYER2, listing, public, PRICE), Error::ListingPaused);
		assert_ok!(DataMarket::update_listing(
			RuntimeOrigin::signed(SELLER),
			listing,
			None,
			None,
			Some(false)
		));

		let expiring = list_until(&data, Offer::Dataset, &[], Some(3));
		System::set_block_number(4);
		assert_noop!(purchase(BUYER2, expiring, public, PRICE), Error::ListingExpired);

		assert_ok!(DataMarket::delist(RuntimeOrigin::signed(SELLER), listing));
		assert_noop!(purchase(BUYER2, listing, public, PRICE), Error::ListingDelisted);
	});
}

#[test]
fn sellers_update_and_delist_their_listings() {
	new_test_ext().execute_with(|| {
		let (data, listing) = dataset();
		let deposit = held(SELLER, HoldReason::ListingDeposit);
		assert_noop!(
			DataMarket::update_listing(RuntimeOrigin::signed(OTHER), listing, Some(1), None, None),
			Error::NotSeller
		);
		assert_noop!(
			DataMarket::update_listing(RuntimeOrigin::signed(SELLER), 5, Some(1), None, None),
			Error::UnknownListing
		);
		let longer = "x".repeat(200);
		assert_ok!(DataMarket::update_listing(
			RuntimeOrigin::signed(SELLER),
			listing,
			Some(PRICE * 2),
			Some(text(&longer)),
			None
		));
		let l = DataMarket::listing(listing).unwrap();
		assert_eq!(l.price, PRICE * 2);
		// The licence grew by 191 bytes and its length prefix by one.
		assert_eq!(
			held(SELLER, HoldReason::ListingDeposit),
			deposit + (200 - 9 + 1) * DEPOSIT_PER_BYTE
		);
		assert_noop!(
			DataMarket::purchase(RuntimeOrigin::signed(BUYER), listing, key(2).1, PRICE),
			Error::PriceAboveMax
		);
		assert_ok!(DataMarket::update_listing(
			RuntimeOrigin::signed(SELLER),
			listing,
			Some(PRICE),
			Some(text("CC0")),
			None
		));
		assert_eq!(held(SELLER, HoldReason::ListingDeposit), deposit - 6 * DEPOSIT_PER_BYTE);

		// A pending purchase keeps a delisted listing until it settles.
		let (secret, public) = key(2);
		let purchase = buy(BUYER, listing, public);
		assert_noop!(DataMarket::delist(RuntimeOrigin::signed(OTHER), listing), Error::NotSeller);
		assert_ok!(DataMarket::delist(RuntimeOrigin::signed(SELLER), listing));
		assert_noop!(
			DataMarket::delist(RuntimeOrigin::signed(SELLER), listing),
			Error::ListingDelisted
		);
		assert_noop!(
			DataMarket::update_listing(RuntimeOrigin::signed(SELLER), listing, Some(1), None, None),
			Error::ListingDelisted
		);
		assert_eq!(DataMarket::listing(listing).unwrap().status, ListingStatus::Delisted);
		fulfil(&data, purchase, &secret);
		System::assert_has_event(Event::ListingRemoved { listing }.into());
		assert!(DataMarket::listing(listing).is_none());
		assert_eq!(held(SELLER, HoldReason::ListingDeposit), 0);

		let other = list(&data, Offer::Dataset, &[]);
		assert_ok!(DataMarket::delist(RuntimeOrigin::signed(SELLER), other));
		assert!(DataMarket::listing(other).is_none());
	});
}

#[test]
fn subscriptions_renew_period_by_period_and_lapse() {
	new_test_ext().execute_with(|| {
		let period0 = umbral::Listing::new(1, b"period 0");
		let listing = list(&period0, Offer::Subscription { period: PERIOD }, &[]);
		let (secret, public) = key(2);
		let p0 = buy(BUYER, listing, public);
		assert_eq!(DataMarket::purchase_details(p0).unwrap().period, 0);
		fulfil(&period0, p0, &secret);
		assert_noop!(
			DataMarket::purchase(RuntimeOrigin::signed(BUYER), listing, public, PRICE),
			Error::AlreadySubscribed
		);
		assert_noop!(
			DataMarket::renew(RuntimeOrigin::signed(BUYER), listing, public, PRICE),
			Error::PeriodNotPublished
		);
		assert_noop!(
			DataMarket::renew(RuntimeOrigin::signed(BUYER2), listing, public, PRICE),
			Error::NotSubscribed
		);

		// The seller publishes period 1 under the same listing keys, with a new capsule.
		let mut period1 = umbral::Listing::new(1, b"period 1");
		let (capsule, ciphertext) = umbral_pre::encrypt_with_rng(
			&mut umbral::rng(5),
			&period1.delegating.public_key(),
			b"period 1",
		)
		.unwrap();
		period1.capsule = capsule;
		period1.ciphertext = ciphertext.into();
		let capsule_bytes = period1.sealed().capsule;
		let publish = |who: u64, listing: ListingId, period: PeriodIndex| {
			DataMarket::publish_period(
				RuntimeOrigin::signed(who),
				listing,
				period,
				H256::repeat_byte(8),
				SIZE,
				segment_count(SIZE),
				capsule_bytes.clone(),
			)
		};
		assert_noop!(publish(OTHER, listing, 1), Error::NotSeller);
		assert_noop!(publish(SELLER, listing, 2), Error::PeriodNotOpen);
		let (_, dataset) = dataset();
		assert_noop!(publish(SELLER, dataset, 1), Error::NotSubscription);
		assert_ok!(publish(SELLER, listing, 1));

		let p1 = pallet_access_grants::NextGrantId::<Test>::get();
		assert_ok!(DataMarket::renew(RuntimeOrigin::signed(BUYER), listing, public, PRICE));
		assert_eq!(DataMarket::purchase_details(p1).unwrap().period, 1);
		assert_eq!(AccessGrants::grant(p1).unwrap().sealed.capsule, capsule_bytes);
		fulfil(&period1, p1, &secret);
		assert_noop!(
			DataMarket::renew(RuntimeOrigin::signed(BUYER), listing, public, PRICE),
			Error::AlreadySubscribed
		);

		// Period 1 ran blocks 11 to 20: a renewal for period 2 came too late at block 21.
		System::set_block_number(1 + 2 * PERIOD);
		assert_ok!(publish(SELLER, listing, 2));
		assert_noop!(
			DataMarket::renew(RuntimeOrigin::signed(BUYER), listing, public, PRICE),
			Error::SubscriptionLapsed
		);
		System::set_block_number(1 + 3 * PERIOD);
		assert_noop!(
			DataMarket::renew(RuntimeOrigin::signed(BUYER), listing, public, PRICE),
			Error::SubscriptionLapsed
		);
		assert_noop!(
			DataMarket::purchase(RuntimeOrigin::signed(BUYER), listing, public, PRICE),
			Error::PeriodNotPublished
		);
		assert_ok!(publish(SELLER, listing, 3));
		assert_eq!(
			DataMarket::listing(listing)
				.unwrap()
				.content
				.iter()
				.map(|c| c.period)
				.collect::<Vec<_>>(),
			vec![3]
		);
		assert_ok!(DataMarket::purchase(RuntimeOrigin::signed(BUYER), listing, public, PRICE));
		assert_eq!(Subscriptions::<Test>::get(listing, BUYER).unwrap().delivered_through, Some(1));

		// The seller ends the subscription: it is not renewed.
		assert_noop!(
			DataMarket::end_subscription(RuntimeOrigin::signed(OTHER), listing, BUYER),
			Error::NotSeller
		);
		assert_ok!(DataMarket::end_subscription(RuntimeOrigin::signed(SELLER), listing, BUYER));
		assert_noop!(
			DataMarket::end_subscription(RuntimeOrigin::signed(BUYER), listing, BUYER),
			Error::NotSubscribed
		);
		assert_ok!(publish(SELLER, listing, 4));
		assert_noop!(
			DataMarket::renew(RuntimeOrigin::signed(BUYER), listing, public, PRICE),
			Error::NotSubscribed
		);
		assert_noop!(
			DataMarket::renew(RuntimeOrigin::signed(BUYER), dataset, public, PRICE),
			Error::NotSubscription
		);
	});
}

/// A stream with periods 0 and 1 published under the same keys.
fn stream() -> (umbral::Listing, umbral::Listing, ListingId) {
	let period0 = umbral::Listing::new(1, b"period 0");
	let listing = list(&period0, Offer::Subscription { period: PERIOD }, &[]);
	let mut period1 = umbral::Listing::new(1, b"period 1");
	period1.capsule =
		umbral_pre::encrypt_with_rng(&mut umbral::rng(5), &period1.delegating.public_key(), b"1")
			.unwrap()
			.0;
	assert_ok!(DataMarket::publish_period(
		RuntimeOrigin::signed(SELLER),
		listing,
		1,
		H256::repeat_byte(8),
		SIZE,
		segment_count(SIZE),
		period1.sealed().capsule,
	));
	(period0, period1, listing)
}

#[test]
fn a_refunded_period_can_be_bought_again() {
	new_test_ext().execute_with(|| {
		let (period0, period1, listing) = stream();
		let (secret, public) = key(2);
		let renew = || DataMarket::renew(RuntimeOrigin::signed(BUYER), listing, public, PRICE);
		fulfil(&period0, buy(BUYER, listing, public), &secret);
		let p1 = pallet_access_grants::NextGrantId::<Test>::get();
		assert_ok!(renew());
		assert_noop!(renew(), Error::AlreadyPurchased);
		// The seller revokes the renewal: period 1 is refunded, and the buyer may renew again.
		assert_ok!(AccessGrants::revoke_grant(RuntimeOrigin::signed(SELLER), p1));
		assert_eq!(Subscriptions::<Test>::get(listing, BUYER).unwrap().delivered_through, Some(0));
		let p1 = pallet_access_grants::NextGrantId::<Test>::get();
		assert_ok!(renew());

		// Not delivered in time: refunded in period 1, which the buyer then buys outright.
		System::set_block_number(1 + PERIOD + 1);
		assert_noop!(renew(), Error::AlreadyPurchased);
		run_to_block(3 + PERIOD);
		assert!(DataMarket::purchase_details(p1).is_none());
		assert_noop!(renew(), Error::SubscriptionLapsed);
		let again = buy(BUYER, listing, public);
		assert_eq!(DataMarket::purchase_details(again).unwrap().period, 1);
		fulfil(&period1, again, &secret);
		assert_eq!(Subscriptions::<Test>::get(listing, BUYER).unwrap().delivered_through, Some(1));
	});
}

#[test]
fn migration_to_v1_counts_only_delivered_periods() {
	use frame_support::{
		storage::unhashed,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	};
	new_test_ext().execute_with(|| {
		let (period0, _, listing) = stream();
		let (secret, public) = key(2);
		fulfil(&period0, buy(BUYER, listing, public), &secret);
		assert_ok!(DataMarket::renew(RuntimeOrigin::signed(BUYER), listing, public, PRICE));
		fulfil(&period0, buy(BUYER2, listing, key(3).1), &key(3).0);
		// Version 0 as it was: BUYER paid through period 1 (pending), BUYER2 through 0.
		let deposit = Subscriptions::<Test>::get(listing, BUYER).unwrap().deposit;
		for (who, paid) in [(BUYER, 1u32), (BUYER2, 0)] {
			let old =
				migrations::v1::SubscriptionV0 { paid_through: paid, deposit: deposit.clone() };
			unhashed::put(&Subscriptions::<Test>::hashed_key_for(listing, who), &old);
		}
		StorageVersion::new(0).put::<DataMarket>();

		migrations::v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(DataMarket::on_chain_storage_version(), 1);
		let sub = |who| Subscriptions::<Test>::get(listing, who).unwrap();
		assert_eq!(
			sub(BUYER),
			Subscription { delivered_through: Some(0), deposit: deposit.clone() }
		);
		assert_eq!(sub(BUYER2), Subscription { delivered_through: Some(0), deposit });
		// Run again, it changes nothing.
		migrations::v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(sub(BUYER).delivered_through, Some(0));
	});
}

#[test]
fn only_buyers_of_completed_purchases_rate_once() {
	new_test_ext().execute_with(|| {
		let (data, listing) = dataset();
		let (secret, public) = key(2);
		let purchase = buy(BUYER, listing, public);
		assert_noop!(
			DataMarket::rate(RuntimeOrigin::signed(BUYER), purchase, 5),
			Error::NotCompleted
		);
		fulfil(&data, purchase, &secret);
		assert_noop!(DataMarket::rate(RuntimeOrigin::signed(OTHER), purchase, 5), Error::NotBuyer);
		assert_noop!(
			DataMarket::rate(RuntimeOrigin::signed(BUYER), purchase, 0),
			Error::InvalidRating
		);
		assert_noop!(
			DataMarket::rate(RuntimeOrigin::signed(BUYER), purchase, 6),
			Error::InvalidRating
		);
		assert_noop!(DataMarket::rate(RuntimeOrigin::signed(BUYER), 9, 3), Error::UnknownPurchase);
		assert_noop!(
			DataMarket::claim_refund(RuntimeOrigin::signed(BUYER), purchase),
			Error::AlreadyCompleted
		);
		assert_ok!(DataMarket::rate(RuntimeOrigin::signed(BUYER), purchase, 2));
		System::assert_last_event(Event::Rated { purchase, seller: SELLER, rating: 2 }.into());
		assert_noop!(
			DataMarket::rate(RuntimeOrigin::signed(BUYER), purchase, 2),
			Error::UnknownPurchase
		);
	});
}

mod conservation {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		List(u8),
		Purchase(u8, u8),
		Fulfil(u8),
		Tamper(u8),
		Revoke(u8),
		Rate(u8, u8),
		Delist(u8),
		Advance(u8),
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			any::<u8>().prop_map(Op::List),
			(any::<u8>(), any::<u8>()).prop_map(|(l, b)| Op::Purchase(l, b)),
			any::<u8>().prop_map(Op::Fulfil),
			any::<u8>().prop_map(Op::Tamper),
			any::<u8>().prop_map(Op::Revoke),
			(any::<u8>(), any::<u8>()).prop_map(|(p, r)| Op::Rate(p, r)),
			any::<u8>().prop_map(Op::Delist),
			(1u8..15).prop_map(Op::Advance),
		]
	}

	const BUYERS: [u64; 3] = [BUYER, BUYER2, OTHER];

	fn pick<T: Copy>(items: &[T], i: u8) -> Option<T> {
		(!items.is_empty()).then(|| items[i as usize % items.len()])
	}

	/// Every hold of every account equals what the pallets' records say it should be.
	fn holds_match_books() {
		let mut escrow = 0;
		let mut purchase_deposits = 0;
		for (_, p) in Purchases::<Test>::iter() {
			if p.status == PurchaseStatus::Pending {
				escrow += p.price;
			}
			purchase_deposits += purchase_deposit();
		}
		purchase_deposits += Subscriptions::<Test>::iter().count() as u64 * subscription_deposit();
		let listing_deposits: u64 =
			Listings::<Test>::iter().map(|(_, l)| listing_deposit(&l)).sum();
		let grant_deposits: u64 = pallet_access_grants::Grants::<Test>::iter()
			.map(|(_, g)| {
				DepositPrice::convert(pallet_access_grants::grant_footprint::<Test>(g.threshold))
			})
			.sum();
		let all = |reason| -> u64 {
			[SELLER, BUYER, BUYER2, OTHER]
				.iter()
				.map(|a| Balances::balance_on_hold(&reason, a))
				.sum()
		};
		assert_eq!(all(RuntimeHoldReason::DataMarket(HoldReason::Escrow)), escrow);
		assert_eq!(
			all(RuntimeHoldReason::DataMarket(HoldReason::PurchaseDeposit)),
			purchase_deposits
		);
		assert_eq!(
			all(RuntimeHoldReason::DataMarket(HoldReason::ListingDeposit)),
			listing_deposits
		);
		assert_eq!(
			all(RuntimeHoldReason::AccessGrants(pallet_access_grants::HoldReason::GrantDeposit)),
			grant_deposits
		);
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(48))]

		#[test]
		fn issuance_is_constant_and_every_hold_is_released_once(ops in prop::collection::vec(op(), 1..40)) {
			new_test_ext().execute_with(|| {
				let issuance = Balances::total_issuance();
				let data: Vec<umbral::Listing> = (0..3).map(|i| umbral::Listing::new(100 + i, PLAINTEXT)).collect();
				let keys: Vec<_> = (0..3).map(|i| umbral::secret_key(200 + i)).collect();
				let mut listings: Vec<(ListingId, usize)> = Vec::new();
				let mut purchases: Vec<(PurchaseId, usize, usize)> = Vec::new();
				for op in ops {
					match op {
						Op::List(i) => {
							let d = i as usize % data.len();
							listings.push((list(&data[d], Offer::Dataset, &[]), d));
						},
						Op::Purchase(l, b) => if let Some((listing, d)) = pick(&listings, l) {
							let b = b as usize % BUYERS.len();
							let id = pallet_access_grants::NextGrantId::<Test>::get();
							let public = umbral::public_key(&keys[b]);
							if DataMarket::purchase(RuntimeOrigin::signed(BUYERS[b]), listing, public, PRICE).is_ok() {
								purchases.push((id, d, b));
							}
						},
						Op::Fulfil(p) => if let Some((id, d, b)) = pick(&purchases, p) {
							let cfrag = umbral::wire(&data[d].fragments(&keys[b], 1, 1)[0]);
							let _ = AccessGrants::submit_fragments(RuntimeOrigin::signed(SELLER), id, BoundedVec::truncate_from(vec![cfrag]));
						},
						Op::Tamper(p) => if let Some((id, d, b)) = pick(&purchases, p) {
							let cfrag: FragmentBytes = umbral::tampered(&data[d].fragments(&keys[b], 1, 1)[0]);
							let _ = AccessGrants::submit_fragments(RuntimeOrigin::signed(SELLER), id, BoundedVec::truncate_from(vec![cfrag]));
						},
						Op::Revoke(p) => if let Some((id, ..)) = pick(&purchases, p) {
							let _ = AccessGrants::revoke_grant(RuntimeOrigin::signed(SELLER), id);
						},
						Op::Rate(p, r) => if let Some((id, _, b)) = pick(&purchases, p) {
							let _ = DataMarket::rate(RuntimeOrigin::signed(BUYERS[b]), id, r % 6);
						},
						Op::Delist(l) => if let Some((listing, _)) = pick(&listings, l) {
							let _ = DataMarket::delist(RuntimeOrigin::signed(SELLER), listing);
						},
						Op::Advance(n) => run_to_block(System::block_number() + n as u64),
					}
					assert_eq!(Balances::total_issuance(), issuance);
					holds_match_books();
				}
				// Settle everything: rate what was delivered, delist, let refunds and pruning run.
				for (id, _, b) in &purchases {
					let _ = DataMarket::rate(RuntimeOrigin::signed(BUYERS[*b]), *id, 3);
				}
				for (listing, _) in &listings {
					let _ = DataMarket::delist(RuntimeOrigin::signed(SELLER), *listing);
				}
				run_to_block(System::block_number() + WINDOW + RETENTION + 2);
				assert_eq!(Balances::total_issuance(), issuance);
				holds_match_books();
				for who in [SELLER, BUYER, BUYER2, OTHER] {
					assert_eq!(Balances::total_balance_on_hold(&who), 0, "account {who} still has funds held");
				}
				let total: u64 = [SELLER, BUYER, BUYER2, OTHER, TREASURY, POOR].iter().map(|a| Balances::total_balance(a)).sum();
				assert_eq!(total, issuance);
				let rep = DataMarket::reputation(&SELLER);
				prop_assert_eq!((rep.fulfilled + rep.refunded) as usize, purchases.len());
				Ok(())
			})?;
		}
	}
}
