# Run by run.py in a copy of this case, after it set every mtime.
dd if=/dev/urandom of=big.bin bs=65536 count=32 2>/dev/null
