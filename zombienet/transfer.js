// zombienet js-script: submits a transfer from Alice to Bob on the collator it runs against
// and returns 1 once the transfer is in a block with a successful Transfer event.
async function run(nodeName, networkInfo) {
  const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
  const api = await zombie.connect(wsUri, userDefinedTypes);
  await zombie.util.cryptoWaitReady();
  const keyring = new zombie.Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const amount = 10n ** 12n;
  return new Promise((resolve, reject) => {
    api.tx.balances
      .transferKeepAlive(bob.address, amount)
      .signAndSend(alice, ({ status, events, dispatchError }) => {
        if (dispatchError) return reject(new Error(dispatchError.toString()));
        if (status.isInBlock || status.isFinalized) {
          const ok = events.some(({ event }) => api.events.balances.Transfer.is(event));
          resolve(ok ? 1 : 0);
        }
      })
      .catch(reject);
  });
}

module.exports = { run };
