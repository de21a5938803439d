# Run by run.py in a copy of this case, after it set every mtime.
cp /bin/true p
setcap cap_net_bind_service+ep p
