# Run by run.py in a copy of this case, after it set every mtime.
mkdir own
echo x > own/x
chown 1234:5678 own/x own
