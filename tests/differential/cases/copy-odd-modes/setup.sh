# Run by run.py in a copy of this case, after it set every mtime.
mkdir -p m/sticky m/sgid
for p in 0600 0444 0700 4755 2755 0777 0000; do echo $p > m/f$p; chmod $p m/f$p; done
chmod 1777 m/sticky
chmod 2775 m/sgid
chmod 0750 m
