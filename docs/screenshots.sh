#!/usr/bin/env bash
# Regenerates the web page's screenshots in docs/images: runs the browser tests (Debian's
# Chromium, as the test suite does), which save every screenshot under TestResults/screenshots,
# and copies the ones the README shows.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test tests/Lineage.Tests --filter "FullyQualifiedName~Lineage.Tests.Browser.WebPageTests|FullyQualifiedName~Lineage.Tests.Browser.BrowsePageTests|FullyQualifiedName~Lineage.Tests.Browser.LargeViewTests"
# test screenshot:docs image
for pair in details:lineage-explorer lineage-legend:lineage-legend browse:browse project-runs:project-runs \
            run-page:run-page version-files:version-files history:action-history registry-history:registry-history \
            playground:playground impact:impact compare:compare large-view:large-view; do
  cp "TestResults/screenshots/${pair%%:*}.png" "docs/images/${pair##*:}.png"
  echo "docs/images/${pair##*:}.png"
done
