// Module scaffold; replaced as the module is written.
