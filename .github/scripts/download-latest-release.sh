#!/usr/bin/env bash
# Download the zip of the latest published release into previous/, for `catraffick build --previous`
# and `catraffick diff`. With no release yet (before the first) previous/ stays empty; any other failure
# of gh fails the step, so that a network or permission error is never taken for "no release".
set -euo pipefail
mkdir -p previous
errors=$(mktemp)
if tag=$(gh release view --repo "$GITHUB_REPOSITORY" --json tagName --jq .tagName 2>"$errors"); then
  gh release download "$tag" --repo "$GITHUB_REPOSITORY" --pattern 'catraffick-data-*.zip' --dir previous
  echo "Compared with the latest release, $tag: $(ls previous)"
elif grep -qi "release not found" "$errors"; then
  echo "No release has been published yet: this build is compared with nothing."
else
  cat "$errors" >&2
  exit 1
fi
