use crate::{mock::*, testing::*, *};
use codec::MaxEncodedLen;
use cpchain_primitives::pre::{decode_capsule_frag, decode_public_key};
use frame_support::traits::Get;
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		tokens::Preservation,
		Hooks,
	},
	weights::Weight,
	BoundedVec,
};
use sp_runtime::traits::BadOrigin;

type Error = crate::Error<Test>;

const PLAINTEXT: &[u8] = b"junction 7, 2026-11-25 08:00-09:00: 1412 vehicles";
const DEADLINE: u64 = 10;

/// Opens a grant of `listing` to `BUYER` for the buyer key `buyer`; returns its id.
fn request(listing: ListingId, seller: &Listing, buyer: &SecretKey) -> GrantId {
	AccessGrants::request(listing, SELLER, BUYER, public_key(buyer), seller.sealed(), DEADLINE)
		.expect("valid request")
}

fn frags(list: &[FragmentBytes]) -> BoundedVec<FragmentBytes, <Test as Config>::MaxThreshold> {
	BoundedVec::truncate_from(list.to_vec())
}

fn submit(
	who: u64,
	grant: GrantId,
	list: &[FragmentBytes],
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	AccessGrants::submit_fragments(RuntimeOrigin::signed(who), grant, frags(list))
}

/// What the buyer does off chain: read the grant's fragments through the runtime API,
/// verify them and decrypt.
fn buyer_decrypts(grant: GrantId, seller: &Listing, buyer: &SecretKey) -> Vec<u8> {
	let details = AccessGrants::grant(grant).expect("grant kept");
	let delegating = decode_public_key(&details.sealed.delegating_key).unwrap();
	let verifying = decode_public_key(&details.sealed.verifying_key).unwrap();
	let verified: Vec<_> = AccessGrants::fragments(grant)
		.into_iter()
		.map(|f| {
			decode_capsule_frag(&f.bytes)
				.unwrap()
				.verify(&seller.capsule, &verifying, &delegating, &buyer.public_key())
				.unwrap()
		})
		.collect();
	umbral_pre::decrypt_reencrypted(
		buyer,
		&delegating,
		&seller.capsule,
		verified,
		&seller.ciphertext,
	)
	.expect("threshold fragments decrypt")
	.into()
}

fn register_proxy(who: u64) {
	assert_ok!(AccessGrants::register_proxy(RuntimeOrigin::signed(who), MIN_STAKE));
}

fn delegate(listing: ListingId, proxies: &[u64], threshold: u8) {
	assert_ok!(AccessGrants::set_delegation(
		RuntimeOrigin::signed(SELLER),
		listing,
		BoundedVec::truncate_from(proxies.to_vec()),
		threshold
	));
}

/// `proxies` registered and assigned to listing 0 with `threshold`, and a grant of it to
/// `BUYER`: the seller's side, the buyer's key and the grant.
fn delegated_grant(proxies: &[u64], threshold: u8) -> (Listing, SecretKey, GrantId) {
	for proxy in proxies {
		register_proxy(*proxy);
	}
	delegate(0, proxies, threshold);
	let seller = Listing::new(1, PLAINTEXT);
	let buyer = secret_key(2);
	let grant = request(0, &seller, &buyer);
	(seller, buyer, grant)
}

fn db() -> frame_support::weights::RuntimeDbWeight {
	<<Test as frame_system::Config>::DbWeight as Get<_>>::get()
}

fn held(who: u64, reason: HoldReason) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::AccessGrants(reason), &who)
}

#[test]
fn seller_fulfils_and_buyer_decrypts_the_original_plaintext() {
	new_test_ext().execute_with(|| {
		let seller = Listing::new(1, PLAINTEXT);
		let buyer = secret_key(2);
		let grant = request(0, &seller, &buyer);
		let deposit = grant_deposit(1);
		assert_eq!(held(BUYER, HoldReason::GrantDeposit), deposit);
		assert_eq!(AccessGrants::status(grant), Some(GrantStatus::Requested));

		let cfrag = &seller.fragments(&buyer, 1, 1)[0];
		assert_ok!(submit(SELLER, grant, &[wire(cfrag)]));

		assert_eq!(AccessGrants::status(grant), Some(GrantStatus::Fulfilled { at: 1 }));
		assert_eq!(outcomes(), vec![("fulfilled", grant)]);
		System::assert_has_event(
			Event::FragmentsAccepted { grant, submitter: SELLER, count: 1, total: 1 }.into(),
		);
		System::assert_last_event(Event::GrantFulfilled { grant }.into());
		assert_eq!(buyer_decrypts(grant, &seller, &buyer), PLAINTEXT);
		assert_eq!(AccessGrants::grants_of(&BUYER), vec![grant]);
	});
}

#[test]
fn tampered_fragment_is_a_fault_and_never_stored() {
	new_test_ext().execute_with(|| {
		let seller = Listing::new(1, PLAINTEXT);
		let buyer = secret_key(2);
		let grant = request(0, &seller, &buyer);
		let cfrag = &seller.fragments(&buyer, 1, 1)[0];

		assert_ok!(submit(SELLER, grant, &[tampered(cfrag)]));
		System::assert_last_event(
			Event::FaultRecorded { grant, submitter: SELLER, count: 1, slashed: 0 }.into(),
		);
		assert_eq!(Faults::<Test>::get(SELLER), 1);
		assert!(AccessGrants::fragments(grant).is_empty());
		assert_eq!(AccessGrants::status(grant), Some(GrantStatus::Requested));
		assert!(outcomes().is_empty());

		// The genuine fragment is still taken.
		assert_ok!(submit(SELLER, grant, &[wire(cfrag)]));
		assert_eq!(buyer_decrypts(grant, &seller, &buyer), PLAINTEXT);
	});
}

#[test]
fn proxies_fulfil_m_of_n_and_a_faulty_proxy_is_slashed_to_the_seller() {
	new_test_ext().execute_with(|| {
		let (seller, buyer, grant) = delegated_grant(&[P1, P2, P3], 2);
		assert_eq!(AccessGrants::grant(grant).unwrap().threshold, 2);
		// The seller sends one key fragment to each proxy; each re-encrypts with its own.
		let cfrags = seller.fragments(&buyer, 2, 3);

		let seller_before = Balances::balance(&SELLER);
		assert_ok!(submit(P3, grant, &[tampered(&cfrags[2])]));
		let slash = MIN_STAKE / 10;
		System::assert_last_event(
			Event::FaultRecorded { grant, submitter: P3, count: 1, slashed: slash }.into(),
		);
		assert_eq!(Balances::balance(&SELLER), seller_before + slash);
		let p3 = AccessGrants::proxy(&P3).unwrap();
		assert_eq!((p3.stake, p3.faults, p3.slashed), (MIN_STAKE - slash, 1, slash));
		assert_eq!(held(P3, HoldReason::ProxyStake), MIN_STAKE - slash);

		assert_ok!(submit(P1, grant, &[wire(&cfrags[0])]));
		assert_eq!(AccessGrants::status(grant), Some(GrantStatus::Requested));
		assert_ok!(submit(P2, grant, &[wire(&cfrags[1])]));
		assert_eq!(AccessGrants::status(grant), Some(GrantStatus::Fulfilled { at: 1 }));
		assert_eq!(AccessGrants::proxy(&P1).unwrap().fragments, 1);
		assert_eq!(buyer_decrypts(grant, &seller, &buyer), PLAINTEXT);
	});
}

#[test]
fn fragments_of_two_key_fragment_sets_never_add_up() {
	new_test_ext().execute_with(|| {
		let (seller, buyer, grant) = delegated_grant(&[P1, P2, P3], 2);
		// Two `generate_kfrags` runs for the same buyer key: each fragment verifies alone.
		let (a, b) = (seller.fragment_set(&buyer, 2, 3, 0), seller.fragment_set(&buyer, 2, 3, 1));

		assert_ok!(submit(P1, grant, &[wire(&a[0])]));
		assert_noop!(submit(P2, grant, &[wire(&b[1])]), Error::FragmentOfAnotherSet);
		assert_noop!(
			submit(SELLER, grant, &[wire(&b[0]), wire(&a[1])]),
			Error::FragmentOfAnotherSet
		);
		assert_eq!(AccessGrants::status(grant), Some(GrantStatus::Requested));
		assert!(outcomes().is_empty());

		assert_ok!(submit(P2, grant, &[wire(&a[1])]));
		assert_eq!(AccessGrants::status(grant), Some(GrantStatus::Fulfilled { at: 1 }));
		assert_eq!(buyer_decrypts(grant, &seller, &buyer), PLAINTEXT);
	});
}

#[test]
fn the_grantor_starts_a_grant_over_with_its_own_key_fragment_set() {
	new_test_ext().execute_with(|| {
		let (seller, buyer, grant) = delegated_grant(&[P1, P2], 2);
		// A stale proxy answers with a set of an earlier purchase by the same buyer key.
		let stale = seller.fragment_set(&buyer, 2, 2, 7);
		let current = seller.fragment_set(&buyer, 2, 2, 8);
		assert_ok!(submit(P1, grant, &[wire(&stale[0])]));
		assert_noop!(submit(P2, grant, &[wire(&current[1])]), Error::FragmentOfAnotherSet);

		assert_ok!(submit(SELLER, grant, &[wire(&current[0])]));
		System::assert_has_event(Event::FragmentsDiscarded { grant, count: 1 }.into());
		assert_eq!(AccessGrants::fragments(grant).len(), 1);
		assert_ok!(submit(P2, grant, &[wire(&current[1])]));
		assert_eq!(AccessGrants::status(grant), Some(GrantStatus::Fulfilled { at: 1 }));
		assert_eq!(buyer_decrypts(grant, &seller, &buyer), PLAINTEXT);
	});
}

#[test]
fn a_faulty_fragment_is_a_fault_whatever_else_the_call_carries() {
	new_test_ext().execute_with(|| {
		let (seller, buyer, grant) = delegated_grant(&[P1, P2], 2);
		let cfrags = seller.fragments(&buyer, 2, 2);
		let malformed: FragmentBytes = BoundedVec::truncate_from(vec![1, 2, 3]);
		let for_other = wire(&seller.fragments(&secret_key(3), 2, 2)[0]);
		let other_set = wire(&seller.fragment_set(&buyer, 2, 2, 1)[0]);
		let bad = tampered(&cfrags[1]);
		// Each batch would be refused on its own account; the faulty fragment still counts.
		let batches = [
			vec![malformed, bad.clone()],
			vec![bad.clone(), for_other],
			vec![wire(&cfrags[0]), other_set, bad.clone()],
			vec![bad.clone(), wire(&cfrags[0]), wire(&cfrags[1])],
		];
		let slash = |stake: u64| stake / 10;
		let mut stake = MIN_STAKE;
		for (i, batch) in batches.iter().enumerate() {
			assert_ok!(submit(P2, grant, batch));
			System::assert_last_event(
				Event::FaultRecorded { grant, submitter: P2, count: 1, slashed: slash(stake) }
					.into(),
			);
			stake -= slash(stake);
			assert_eq!(Faults::<Test>::get(P2), i as u32 + 1);
			assert_eq!(held(P2, HoldReason::ProxyStake), stake);
		}
		// Nothing else of those calls was taken.
		assert!(AccessGrants::fragments(grant).is_empty());
		assert_eq!(AccessGrants::status(grant), Some(GrantStatus::Requested));
	});
}

#[test]
fn fragments_that_cannot_count_are_refused_without_a_trace() {
	new_test_ext().execute_with(|| {
		register_proxy(P1);
		let seller = Listing::new(1, PLAINTEXT);
		let buyer = secret_key(2);
		delegate(0, &[], 2);
		let grant = request(0, &seller, &buyer);
		let cfrags = seller.fragments(&buyer, 2, 3);
		let good = wire(&cfrags[0]);

		assert_noop!(
			AccessGrants::submit_fragments(RuntimeOrigin::none(), grant, frags(&[good.clone()])),
			BadOrigin
		);
		assert_noop!(submit(SELLER, 99, &[good.clone()]), Error::UnknownGrant);
		assert_noop!(submit(OTHER, grant, &[good.clone()]), Error::NotAuthorized);
		// A registered proxy not assigned to this listing.
		assert_noop!(submit(P1, grant, &[good.clone()]), Error::NotAuthorized);
		assert_noop!(submit(SELLER, grant, &[]), Error::NoFragments);
		assert_noop!(
			submit(SELLER, grant, &[wire(&cfrags[0]), wire(&cfrags[1]), wire(&cfrags[2])]),
			Error::TooManyFragments
		);
		let mut malformed = good.clone();
		malformed[1] = 0x07;
		assert_noop!(submit(SELLER, grant, &[malformed]), Error::MalformedFragment);
		assert_noop!(
			submit(SELLER, grant, &[BoundedVec::truncate_from(vec![1, 2, 3])]),
			Error::MalformedFragment
		);
		assert_noop!(
			submit(SELLER, grant, &[good.clone(), good.clone()]),
			Error::DuplicateFragment
		);
		// Re-encrypted for another grantee: its key fragment was signed for another key.
		let other_buyer = secret_key(3);
		let for_other = wire(&seller.fragments(&other_buyer, 2, 3)[0]);
		assert_noop!(submit(SELLER, grant, &[for_other]), Error::FragmentNotForGrant);
		// Made with another listing's keys.
		let other_listing = Listing::new(4, PLAINTEXT);
		let foreign = wire(&other_listing.fragments(&buyer, 2, 3)[0]);
		assert_noop!(submit(SELLER, grant, &[foreign]), Error::FragmentNotForGrant);

		assert_ok!(submit(SELLER, grant, &[good.clone()]));
		// The same key fragment again, even re-encrypted anew.
		assert_noop!(submit(SELLER, grant, &[good.clone()]), Error::DuplicateFragment);
		assert_noop!(
			submit(SELLER, grant, &[wire(&cfrags[1]), wire(&cfrags[2])]),
			Error::TooManyFragments
		);
		assert_ok!(submit(SELLER, grant, &[wire(&cfrags[1])]));
		assert_noop!(submit(SELLER, grant, &[wire(&cfrags[2])]), Error::AlreadyFulfilled);
	});
}

#[test]
fn a_fragment_of_another_capsule_with_the_listings_keys_is_a_fault() {
	new_test_ext().execute_with(|| {
		let seller = Listing::new(1, PLAINTEXT);
		let buyer = secret_key(2);
		let grant = request(0, &seller, &buyer);
		// The same keys sealing another dataset (as in the next period of a stream).
		let mut next = Listing::new(1, b"next period");
		next.capsule =
			umbral_pre::encrypt_with_rng(&mut rng(9), &seller.delegating.public_key(), b"x")
				.unwrap()
				.0;
		let cfrag = &next.fragments(&buyer, 1, 1)[0];
		assert_ok!(submit(SELLER, grant, &[wire(cfrag)]));
		assert_eq!(Faults::<Test>::get(SELLER), 1);
		assert!(AccessGrants::fragments(grant).is_empty());
	});
}

#[test]
fn revoked_grants_take_no_fragments() {
	new_test_ext().execute_with(|| {
		let seller = Listing::new(1, PLAINTEXT);
		let buyer = secret_key(2);
		let grant = request(0, &seller, &buyer);
		assert_noop!(
			AccessGrants::revoke_grant(RuntimeOrigin::signed(BUYER), grant),
			Error::NotGrantor
		);
		assert_noop!(
			AccessGrants::revoke_grant(RuntimeOrigin::signed(SELLER), 7),
			Error::UnknownGrant
		);
		assert_ok!(AccessGrants::revoke_grant(RuntimeOrigin::signed(SELLER), grant));
		System::assert_last_event(Event::GrantRevoked { grant }.into());
		assert_eq!(outcomes(), vec![("revoked", grant)]);
		let cfrag = wire(&seller.fragments(&buyer, 1, 1)[0]);
		assert_noop!(submit(SELLER, grant, &[cfrag]), Error::GrantRevoked);
		assert_noop!(
			AccessGrants::revoke_grant(RuntimeOrigin::signed(SELLER), grant),
			Error::GrantRevoked
		);

		let fulfilled = request(0, &seller, &buyer);
		assert_ok!(submit(SELLER, fulfilled, &[wire(&seller.fragments(&buyer, 1, 1)[0])]));
		assert_noop!(
			AccessGrants::revoke_grant(RuntimeOrigin::signed(SELLER), fulfilled),
			Error::AlreadyFulfilled
		);
	});
}

#[test]
fn grants_expire_after_their_deadline_only() {
	new_test_ext().execute_with(|| {
		let seller = Listing::new(1, PLAINTEXT);
		let buyer = secret_key(2);
		let grant = request(0, &seller, &buyer);
		let cfrag = wire(&seller.fragments(&buyer, 1, 1)[0]);
		run_to_block(DEADLINE);
		assert_noop!(AccessGrants::expire(grant), Error::DeadlineNotPassed);
		run_to_block(DEADLINE + 1);
		assert_noop!(submit(SELLER, grant, &[cfrag.clone()]), Error::GrantExpired);
		assert_ok!(AccessGrants::expire(grant));
		assert_eq!(AccessGrants::status(grant), Some(GrantStatus::Expired { at: DEADLINE + 1 }));
		assert_noop!(AccessGrants::expire(grant), Error::GrantExpired);
		assert_noop!(AccessGrants::expire(5), Error::UnknownGrant);
		assert_noop!(submit(SELLER, grant, &[cfrag]), Error::GrantExpired);
	});
}

#[test]
fn settled_grants_are_pruned_after_retention_within_the_spare_weight() {
	new_test_ext().execute_with(|| {
		let seller = Listing::new(1, PLAINTEXT);
		let buyer = secret_key(2);
		let a = request(0, &seller, &buyer);
		let b = request(0, &seller, &buyer);
		let c = request(0, &seller, &buyer);
		let deposit = grant_deposit(1);
		assert_eq!(held(BUYER, HoldReason::GrantDeposit), 3 * deposit);
		assert_ok!(submit(SELLER, a, &[wire(&seller.fragments(&buyer, 1, 1)[0])]));
		assert_ok!(AccessGrants::revoke_grant(RuntimeOrigin::signed(SELLER), b));

		run_to_block(RETENTION);
		assert!(AccessGrants::grant(a).is_some());
		// Room for one grant only: the clock, the queue's bounds, then one grant at most.
		let one = db().reads_writes(2, 1) + <() as WeightInfo>::prune_grant();
		System::set_block_number(1 + RETENTION);
		AccessGrants::on_idle(1 + RETENTION, one);
		assert!(AccessGrants::grant(a).is_none());
		assert!(AccessGrants::fragments(a).is_empty());
		assert!(AccessGrants::grant(b).is_some());
		System::assert_last_event(Event::GrantPruned { grant: a }.into());
		AccessGrants::on_idle(1 + RETENTION, Weight::zero());
		assert!(AccessGrants::grant(b).is_some());
		run_to_block(2 + RETENTION);
		assert!(AccessGrants::grant(b).is_none());
		assert_eq!(AccessGrants::grants_of(&BUYER), vec![c]);
		assert_eq!(held(BUYER, HoldReason::GrantDeposit), deposit);
		assert_eq!(PruneBounds::<Test>::get(), (2, 2));
	});
}

#[test]
fn a_grantee_releases_a_settled_grant_and_the_queue_skips_it_for_a_read() {
	new_test_ext().execute_with(|| {
		let seller = Listing::new(1, PLAINTEXT);
		let buyer = secret_key(2);
		let grant = request(0, &seller, &buyer);
		let release = |who: u64| AccessGrants::release_grant(RuntimeOrigin::signed(who), grant);
		assert_noop!(AccessGrants::release_grant(RuntimeOrigin::none(), grant), BadOrigin);
		assert_noop!(
			AccessGrants::release_grant(RuntimeOrigin::signed(BUYER), 99),
			Error::UnknownGrant
		);
		assert_noop!(release(BUYER), Error::GrantNotSettled);
		assert_ok!(submit(SELLER, grant, &[wire(&seller.fragments(&buyer, 1, 1)[0])]));
		assert_noop!(release(SELLER), Error::NotGrantee);

		assert_ok!(release(BUYER));
		System::assert_last_event(Event::GrantPruned { grant }.into());
		assert!(AccessGrants::grant(grant).is_none());
		assert!(AccessGrants::fragments(grant).is_empty());
		assert_eq!(held(BUYER, HoldReason::GrantDeposit), 0);
		assert!(AccessGrants::grants_of(&BUYER).is_empty());

		// After the retention the queue meets a grant that is gone: charged a read, not a
		// pruning (and a read of the clock).
		System::set_block_number(1 + RETENTION);
		let mut meter = frame_support::weights::WeightMeter::new();
		AccessGrants::prune(&mut meter);
		assert_eq!(meter.consumed(), db().reads_writes(2, 1) + <() as WeightInfo>::prune_skipped());
		assert_eq!(PruneBounds::<Test>::get(), (1, 1));
	});
}

#[test]
fn requests_take_a_deposit() {
	new_test_ext().execute_with(|| {
		let seller = Listing::new(1, PLAINTEXT);
		let key = public_key(&secret_key(2));
		assert_noop!(
			AccessGrants::request(0, SELLER, POOR, key, seller.sealed(), DEADLINE),
			sp_runtime::TokenError::FundsUnavailable
		);
		// The deposit covers the grant and its threshold of fragments.
		let one = grant_deposit(1);
		delegate(1, &[], 3);
		let three = grant_deposit(3);
		assert_eq!(three - one, 2 * DEPOSIT_PER_BYTE * Fragment::<Test>::max_encoded_len() as u64);
	});
}

#[test]
fn proxies_register_leave_and_withdraw() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			AccessGrants::register_proxy(RuntimeOrigin::signed(P1), MIN_STAKE - 1),
			Error::StakeTooLow
		);
		assert_noop!(
			AccessGrants::register_proxy(RuntimeOrigin::signed(POOR), MIN_STAKE),
			Error::InsufficientBalance
		);
		register_proxy(P1);
		assert_noop!(
			AccessGrants::register_proxy(RuntimeOrigin::signed(P1), MIN_STAKE),
			Error::AlreadyProxy
		);
		assert_eq!(held(P1, HoldReason::ProxyStake), MIN_STAKE);
		assert_noop!(AccessGrants::withdraw_proxy(RuntimeOrigin::signed(P1)), Error::NotLeaving);
		assert_noop!(AccessGrants::withdraw_proxy(RuntimeOrigin::signed(P2)), Error::NotProxy);

		delegate(0, &[P1], 1);
		let seller = Listing::new(1, PLAINTEXT);
		let buyer = secret_key(2);
		let grant = request(0, &seller, &buyer);
		assert_ok!(AccessGrants::unregister_proxy(RuntimeOrigin::signed(P1)));
		System::assert_last_event(
			Event::ProxyLeaving { proxy: P1, unbonds_at: 1 + UNBONDING }.into(),
		);
		assert_noop!(AccessGrants::unregister_proxy(RuntimeOrigin::signed(P1)), Error::NotProxy);
		// A leaving proxy no longer submits (a fault could not be slashed for long).
		let cfrag = wire(&seller.fragments(&buyer, 1, 1)[0]);
		assert_noop!(submit(P1, grant, &[cfrag]), Error::NotAuthorized);
		assert_noop!(
			AccessGrants::withdraw_proxy(RuntimeOrigin::signed(P1)),
			Error::UnbondingNotOver
		);
		run_to_block(1 + UNBONDING);
		let before = Balances::balance(&P1);
		assert_ok!(AccessGrants::withdraw_proxy(RuntimeOrigin::signed(P1)));
		assert_eq!(Balances::balance(&P1), before + MIN_STAKE);
		assert!(AccessGrants::proxy(&P1).is_none());
	});
}

#[test]
fn only_the_seller_sets_a_listings_delegation() {
	new_test_ext().execute_with(|| {
		register_proxy(P1);
		register_proxy(P2);
		let set = |who: u64, listing: ListingId, proxies: &[u64], threshold: u8| {
			AccessGrants::set_delegation(
				RuntimeOrigin::signed(who),
				listing,
				BoundedVec::truncate_from(proxies.to_vec()),
				threshold,
			)
		};
		assert_noop!(set(SELLER, 10, &[P1], 1), Error::UnknownListing);
		assert_noop!(set(OTHER, 0, &[P1], 1), Error::NotSeller);
		assert_noop!(set(SELLER, 0, &[P1], 0), Error::InvalidThreshold);
		assert_noop!(set(SELLER, 0, &[P1], 2), Error::InvalidThreshold);
		assert_noop!(set(SELLER, 0, &[], MAX_THRESHOLD as u8 + 1), Error::InvalidThreshold);
		assert_noop!(set(SELLER, 0, &[P1, P1], 1), Error::DuplicateProxy);
		assert_noop!(set(SELLER, 0, &[P1, P3], 1), Error::NotProxy);

		assert_ok!(set(SELLER, 0, &[P1, P2], 2));
		let deposit = held(SELLER, HoldReason::DelegationDeposit);
		assert!(deposit > 0);
		assert_eq!(AccessGrants::delegation(0), (vec![P1, P2], 2));
		assert_ok!(set(SELLER, 0, &[P2], 1));
		assert_eq!(held(SELLER, HoldReason::DelegationDeposit), deposit);
		assert_ok!(set(SELLER, 0, &[], 1));
		assert_eq!(held(SELLER, HoldReason::DelegationDeposit), 0);
		assert!(Delegations::<Test>::get(0).is_none());
		assert_eq!(AccessGrants::delegation(0), (vec![], 1));

		// A listing that is gone: only its seller clears the delegation, and only that.
		let gone = add_listing(OTHER);
		assert_ok!(set(OTHER, gone, &[P1], 1));
		remove_listing(gone);
		assert_noop!(set(SELLER, gone, &[], 1), Error::UnknownListing);
		assert_noop!(set(OTHER, gone, &[P1], 1), Error::UnknownListing);
		assert_ok!(set(OTHER, gone, &[], 1));
		assert!(Delegations::<Test>::get(gone).is_none());
		assert_eq!(held(OTHER, HoldReason::DelegationDeposit), 0);
	});
}

#[test]
fn money_is_only_moved_never_made() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		register_proxy(P1);
		delegate(0, &[P1], 1);
		let seller = Listing::new(1, PLAINTEXT);
		let buyer = secret_key(2);
		let grant = request(0, &seller, &buyer);
		let cfrag = &seller.fragments(&buyer, 1, 1)[0];
		assert_ok!(submit(P1, grant, &[tampered(cfrag)]));
		assert_ok!(submit(P1, grant, &[wire(cfrag)]));
		run_to_block(2 + RETENTION);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(held(BUYER, HoldReason::GrantDeposit), 0);
		assert_eq!(
			Balances::reducible_balance(
				&BUYER,
				Preservation::Expendable,
				frame_support::traits::tokens::Fortitude::Polite
			),
			INITIAL_BALANCE
		);
	});
}
