target "default" {
  dockerfile = "$${d}.Dockerfile"
  context = "ctx$${c}"
  target = "t$${t}"
  output = ["type=local,dest=out$${o}"]
}
