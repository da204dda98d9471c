// Test scaffold; replaced as the tests are written.
