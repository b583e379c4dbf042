-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "rateLimit" INTEGER,
ADD COLUMN     "rateLimitCeiling" INTEGER;
