target "default" {
  extra-hosts = { "h" = "$${IP}" }
  tags = ["img:$${tag}"]
  description = "d $${x}"
  target = "$${stage}"
  context = "$${ctx}"
  contexts = { c = "docker-image://$${img}" }
  cache-from = ["type=registry,ref=$${r}"]
}
