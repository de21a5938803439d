# Run by run.py in a copy of this case, after it set every mtime.
ln -s t dir/l
touch -h -d 2012-02-02T00:00:00Z dir/l
