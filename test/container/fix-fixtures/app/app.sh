#!/bin/sh
# Fixture "app" for fixes.test.mjs (the build context is test/container/fix-fixtures/). It reports the
# version file next to it (if copied) and the uid it really runs as; the test reads this line from the
# image's own CMD/ENTRYPOINT.
echo "shipshape-fixture-app version=$(cat /app/VERSION 2>/dev/null || echo none) uid=$(id -u) gid=$(id -g)"
