"""The conference pages: routers over the conference services, rendered with the platform's templates."""
