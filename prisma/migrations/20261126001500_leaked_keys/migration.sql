-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "leakedAt" TIMESTAMP(3),
ADD COLUMN     "leakedSource" TEXT,
ADD COLUMN     "leakedUrl" TEXT;
