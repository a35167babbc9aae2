target "a" { secret = ["id=old,env=OLD"] }
