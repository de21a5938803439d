# Run by run.py in a copy of this case, after it set every mtime.
chmod 0755 run.sh
touch -d @1000000000 run.sh
