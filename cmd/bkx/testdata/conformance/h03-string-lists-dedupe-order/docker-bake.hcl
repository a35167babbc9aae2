target "default" {
  annotations = ["a=1", "b=2", "a=1", "c=3", "d=4"]
  tags = ["t1", "t2", "t1", "t3", "t4"]
  platforms = ["linux/arm64", "linux/amd64", "linux/arm64", "linux/riscv64"]
  cache-to = ["type=inline", "type=registry,ref=r", "type=inline", "type=local,dest=d", "type=gha"]
}
