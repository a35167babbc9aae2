target "default" {
  ssh = ["default", "key=k1", "default", "other=k2", "last=k3"]
  annotations = ["a=1", "b=2", "a=1", "c=3", "d=4"]
  tags = ["t1", "t2", "t1", "t3", "t4"]
}
