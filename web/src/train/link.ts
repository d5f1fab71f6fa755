// The playground's link to the Train view carries the current cards (the playground keeps them in the hash).
const link = document.querySelector<HTMLAnchorElement>('#train-link');
link?.addEventListener('click', () => {
  link.href = `./train.html${location.hash}`;
});
