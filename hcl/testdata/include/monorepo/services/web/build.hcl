target "web" {
  inherits = ["_common"]
  context  = "."
  tags     = ["example/web"]
  secret   = ["id=npm,src=.npmrc", "id=token,env=TOKEN", "id=var,type=env,src=VAR"]
  ssh      = ["default", "key=keys/id_ed25519,/abs/key"]
  output   = ["type=local,dest=out"]
  cache-to = ["type=local,dest=.cache"]
}
