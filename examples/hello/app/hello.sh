#!/bin/sh
echo "hello from bkx on $(uname -m): $(cat /opt/demo/base.txt)"
